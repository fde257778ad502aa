package io.crminventorysync.web;

import io.crminventorysync.sync.AccountTransactions;
import io.crminventorysync.sync.AuditLog;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.TransactionModulesStore;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's transactions page (issue 15, page 5): the Sync Transaction Modules switch under the
 * pause rule of {@link ModuleControl}, and an account's Inventory sales orders and invoices, as
 * {@code /api/settings/transactions} and {@code /api/accounts/{id}/...} give them.
 */
@Controller
public class ConsoleTransactionsController {

    private final ModuleControl control;
    private final TransactionModulesStore transactions;
    private final AccountTransactions accounts;
    private final AuditLog audit;

    public ConsoleTransactionsController(ModuleControl control, TransactionModulesStore transactions,
            AccountTransactions accounts, AuditLog audit) {
        this.control = control;
        this.transactions = transactions;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/transactions")
    public String page(@RequestParam(required = false) String account, Model model) {
        model.addAttribute("state", transactions.get());
        model.addAttribute("account", account == null ? "" : account.trim());
        if (account != null && !account.isBlank()) {
            try {
                String customer = accounts.customerOf(account.trim());
                model.addAttribute("customerId", customer);
                model.addAttribute("salesorders", accounts.salesOrders(customer));
                model.addAttribute("invoices", accounts.invoices(customer));
            } catch (AccountTransactions.AccountNotBoundException e) {
                model.addAttribute("lookupError", e.getMessage());
            }
        }
        return "console/transactions";
    }

    @PostMapping("/transactions")
    public String change(@RequestParam boolean enabled, Principal user, RedirectAttributes flash) {
        Object done = ConsoleViews.attempt(flash, "transactions", () -> control.setTransactionModules(enabled));
        if (done != null) {
            audit.record(user.getName(), AuditLog.TRANSACTION_MODULES_SWITCHED, null, null, enabled ? "enabled" : "disabled");
            ConsoleViews.notice(flash, "transactions", enabled ? "Transaction modules enabled." : "Transaction modules disabled.");
        }
        return "redirect:/transactions";
    }
}
