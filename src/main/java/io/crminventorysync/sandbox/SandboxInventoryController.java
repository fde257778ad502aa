package io.crminventorysync.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Zoho Inventory v1 URLs, served under /sandbox/inventory/v1. */
@RestController
@SandboxEnabled
@RequestMapping("/sandbox/inventory/v1")
public class SandboxInventoryController {

    private final SandboxGate gate;
    private final SandboxInventory inventory;

    public SandboxInventoryController(SandboxGate gate, SandboxInventory inventory) {
        this.gate = gate;
        this.inventory = inventory;
    }

    @PostMapping("/contacts")
    public ResponseEntity<Object> createContact(HttpServletRequest request) {
        return call(request, () -> inventory.createContact(body(request)));
    }

    @GetMapping("/contacts")
    public ResponseEntity<Object> listContacts(HttpServletRequest request) {
        return call(request, () -> inventory.listContacts(SandboxCrmController.params(request)));
    }

    @GetMapping("/contacts/{id}")
    public ResponseEntity<Object> getContact(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.getContact(id));
    }

    @PutMapping("/contacts/{id}")
    public ResponseEntity<Object> updateContact(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.updateContact(id, body(request)));
    }

    @DeleteMapping("/contacts/{id}")
    public ResponseEntity<Object> deleteContact(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.deleteContact(id));
    }

    @PostMapping("/contacts/{id}/active")
    public ResponseEntity<Object> markActive(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.markContact(id, true));
    }

    @PostMapping("/contacts/{id}/inactive")
    public ResponseEntity<Object> markInactive(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.markContact(id, false));
    }

    @PostMapping("/contacts/contactpersons")
    public ResponseEntity<Object> createPerson(HttpServletRequest request) {
        return call(request, () -> inventory.createPerson(body(request)));
    }

    @PutMapping("/contacts/contactpersons/{personId}")
    public ResponseEntity<Object> updatePerson(HttpServletRequest request, @PathVariable String personId) {
        return call(request, () -> inventory.updatePerson(personId, body(request)));
    }

    @DeleteMapping("/contacts/contactpersons/{personId}")
    public ResponseEntity<Object> deletePerson(HttpServletRequest request, @PathVariable String personId) {
        return call(request, () -> inventory.deletePerson(personId));
    }

    @PostMapping("/contacts/contactpersons/{personId}/primary")
    public ResponseEntity<Object> markPrimary(HttpServletRequest request, @PathVariable String personId) {
        return call(request, () -> inventory.markPrimary(personId));
    }

    @GetMapping("/contacts/{id}/contactpersons")
    public ResponseEntity<Object> listPersons(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.listPersons(id, SandboxCrmController.params(request)));
    }

    @GetMapping("/contacts/{id}/contactpersons/{personId}")
    public ResponseEntity<Object> getPerson(HttpServletRequest request, @PathVariable String id,
                                            @PathVariable String personId) {
        return call(request, () -> inventory.getPerson(id, personId));
    }

    @PostMapping("/items")
    public ResponseEntity<Object> createItem(HttpServletRequest request) {
        return call(request, () -> inventory.createItem(body(request)));
    }

    @GetMapping("/items")
    public ResponseEntity<Object> listItems(HttpServletRequest request) {
        return call(request, () -> inventory.listItems(SandboxCrmController.params(request)));
    }

    @GetMapping("/items/{id}")
    public ResponseEntity<Object> getItem(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.getItem(id));
    }

    @PutMapping("/items/{id}")
    public ResponseEntity<Object> updateItem(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.updateItem(id, body(request)));
    }

    @DeleteMapping("/items/{id}")
    public ResponseEntity<Object> deleteItem(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.deleteItem(id));
    }

    @PostMapping("/items/{id}/active")
    public ResponseEntity<Object> markItemActive(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.markItem(id, true));
    }

    @PostMapping("/items/{id}/inactive")
    public ResponseEntity<Object> markItemInactive(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.markItem(id, false));
    }

    @DeleteMapping("/items")
    public ResponseEntity<Object> deleteItems(HttpServletRequest request) {
        return call(request, () -> inventory.deleteItems(request.getParameter("item_ids")));
    }

    @GetMapping("/salesorders")
    public ResponseEntity<Object> salesOrders(HttpServletRequest request) {
        return call(request, () -> inventory.listTransactions(true, SandboxCrmController.params(request)));
    }

    @GetMapping("/salesorders/{id}")
    public ResponseEntity<Object> salesOrder(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.getTransaction(true, id));
    }

    @GetMapping("/invoices")
    public ResponseEntity<Object> invoices(HttpServletRequest request) {
        return call(request, () -> inventory.listTransactions(false, SandboxCrmController.params(request)));
    }

    @GetMapping("/invoices/{id}")
    public ResponseEntity<Object> invoice(HttpServletRequest request, @PathVariable String id) {
        return call(request, () -> inventory.getTransaction(false, id));
    }

    @RequestMapping("/**")
    public ResponseEntity<Object> unknown(HttpServletRequest request) {
        return call(request, () -> {
            throw new InventoryError(404, 5, "Invalid URL Passed");
        });
    }

    private ResponseEntity<Object> call(HttpServletRequest request, Supplier<ResponseEntity<Object>> handler) {
        return gate.inventory(request, handler);
    }

    /** The JSON of a write: Zoho accepts it as the JSONString form parameter or as the raw body. */
    private Map<String, Object> body(HttpServletRequest request) {
        String jsonString = request.getParameter("JSONString");
        if (jsonString != null) {
            return inventory.parse(jsonString);
        }
        try {
            return inventory.parse(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
