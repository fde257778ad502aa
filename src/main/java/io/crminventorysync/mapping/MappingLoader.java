package io.crminventorysync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one module's mapping file: secure parsing (no DTD, no external entities or schemas), XSD
 * validation, then the checks a schema cannot make. Every problem becomes a {@link MappingException}
 * with the file and the line.
 */
final class MappingLoader {

    static final String NAMESPACE = "urn:crm-inventory-sync:mapping:1";
    static final String SCHEMA_FILE = "mapping.xsd";

    /** The records the sync needs from each module's file: name, CRM module, Inventory entity. */
    private static final Map<String, List<String[]>> REQUIRED = Map.of(
            "accounts", List.of(
                    new String[] {"account", "Accounts", "contact"},
                    new String[] {"person", "Contacts", "contact_person"},
                    new String[] {"individual", "Contacts", "contact"}),
            "vendors", List.<String[]>of(new String[] {"vendor", "Vendors", "contact"}),
            "products", List.<String[]>of(new String[] {"product", "Products", "item"}));

    private final Schema schema;

    /** Loads the schema from the mappings directory (it ships beside the mapping files). */
    MappingLoader(Path dir) {
        Path xsd = dir.resolve(SCHEMA_FILE);
        if (!Files.isRegularFile(xsd)) {
            throw new MappingException(xsd, 0, "the mapping schema is missing; "
                    + SCHEMA_FILE + " must sit beside the mapping files (sync.mappings-dir is " + dir + ")");
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            this.schema = f.newSchema(xsd.toFile());
        } catch (SAXParseException e) {
            throw new MappingException(xsd, e.getLineNumber(), "the schema itself is broken: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new MappingException(xsd, 0, "the schema itself is broken: " + e.getMessage(), e);
        }
    }

    ModuleMapping load(String module, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MappingException(file, 0, "missing; every module needs its mapping file ("
                    + module + ".xml in sync.mappings-dir)");
        }
        Node root = parse(file);
        return build(module, file, root);
    }

    /** A mapping given as text (a stored version), checked as a file is; {@code label} names it in errors. */
    ModuleMapping load(String module, String xml, Path label) {
        Node root = parse(new InputSource(new java.io.StringReader(xml)), label);
        return build(module, label, root);
    }

    // ---------------------------------------------------------------- parsing

    /** An element with its attributes, its line, and its child elements. */
    private record Node(String name, Map<String, String> attrs, int line, List<Node> children) {
        String attr(String name) {
            return attrs.get(name);
        }

        Node child(String name) {
            return children.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
        }

        List<Node> all(String name) {
            return children.stream().filter(c -> c.name.equals(name)).toList();
        }
    }

    private Node parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            return parse(source, file);
        } catch (IOException e) {
            throw new MappingException(file, 0, "cannot be read: " + e, e);
        }
    }

    private Node parse(InputSource source, Path file) {
        TreeBuilder builder = new TreeBuilder();
        try {
            SAXParser parser = secureParserFactory(schema).newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(source, builder);
        } catch (SAXParseException e) {
            throw new MappingException(file, e.getLineNumber(), describe(e, builder.validationError), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new MappingException(file, 0, "cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MappingException(file, 0, "cannot be read: " + e, e);
        }
        return builder.root;
    }

    private static String describe(SAXParseException e, boolean validation) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "DOCTYPE declarations are not allowed in mapping files (they could pull in external entities)";
        }
        if (message.contains("cvc-elt.1")) {
            message += " (the root element must be <mapping xmlns=\"" + NAMESPACE + "\" module=\"...\">)";
        }
        return validation ? "does not match " + SCHEMA_FILE + ": " + message : "is not well-formed XML: " + message;
    }

    /** Refuses DTDs and every external resource; XXE and entity expansion cannot happen. */
    static SAXParserFactory secureParserFactory(Schema schema) throws ParserConfigurationException, SAXException {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setSchema(schema);
        return f;
    }

    private static final class TreeBuilder extends DefaultHandler {
        private Locator locator;
        private final List<Node> open = new ArrayList<>();
        private Node root;
        private boolean validationError;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                if (attributes.getURI(i).isEmpty()) {
                    attrs.put(attributes.getLocalName(i), attributes.getValue(i));
                }
            }
            Node node = new Node(localName, attrs, locator == null ? 0 : locator.getLineNumber(), new ArrayList<>());
            if (open.isEmpty()) {
                root = node;
            } else {
                open.get(open.size() - 1).children.add(node);
            }
            open.add(node);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.remove(open.size() - 1);
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            validationError = true; // the parser reports schema violations here, not as fatal errors
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    // ---------------------------------------------------------------- building and checking

    private ModuleMapping build(String module, Path file, Node root) {
        if (!module.equals(root.attr("module"))) {
            throw new MappingException(file, root.line, "module=\"" + root.attr("module")
                    + "\" but this is the file of module " + module);
        }
        Map<String, RecordMapping> records = new LinkedHashMap<>();
        Map<String, Node> recordNodes = new HashMap<>();
        for (Node r : root.all("record")) {
            RecordMapping record = record(file, r);
            records.put(record.name(), record);
            recordNodes.put(record.name(), r);
        }
        for (String[] need : REQUIRED.get(module)) {
            Node r = recordNodes.get(need[0]);
            if (r == null) {
                throw new MappingException(file, root.line, "module " + module + " needs a record named '"
                        + need[0] + "' (CRM " + need[1] + " -> Inventory " + need[2] + ")");
            }
            RecordMapping record = records.get(need[0]);
            if (!record.crmModule().equals(need[1]) || !record.inventoryEntity().equals(need[2])) {
                throw new MappingException(file, r.line, "record '" + need[0] + "' must map CRM " + need[1]
                        + " to Inventory " + need[2] + ", not CRM " + record.crmModule()
                        + " to Inventory " + record.inventoryEntity());
            }
        }
        return new ModuleMapping(module, file, records);
    }

    private RecordMapping record(Path file, Node r) {
        String name = r.attr("name");
        String crmModule = r.attr("crmModule");
        String entity = r.attr("inventory");
        if (!KnownFields.isCrmModule(crmModule)) {
            throw new MappingException(file, r.line, "unknown CRM module '" + crmModule + "' in record '" + name
                    + "', expected one of " + KnownFields.CRM_MODULES);
        }
        List<FieldMapping> fields = new ArrayList<>();
        for (Node f : r.all("field")) {
            fields.add(field(file, f, crmModule, entity));
        }
        checkTargetsUnique(file, fields);

        Node key = r.child("key");
        checkCrm(file, key.line, crmModule, key.attr("crm"), declaredCustomCrm(fields, key.attr("crm")));
        checkInventory(file, key.line, entity, key.attr("inventory"),
                declaredCustomInventory(fields, key.attr("inventory")));
        Node second = r.child("secondaryKey");
        if (second != null) {
            checkCrm(file, second.line, crmModule, second.attr("crm"), declaredCustomCrm(fields, second.attr("crm")));
            checkInventory(file, second.line, entity, second.attr("inventory"),
                    declaredCustomInventory(fields, second.attr("inventory")));
        }
        Node parent = r.child("parent");
        if (parent != null) {
            checkCrm(file, parent.line, crmModule, parent.attr("crm"), false);
            checkModule(file, parent.line, parent.attr("module"));
        }
        return new RecordMapping(name, crmModule, entity, file, r.line,
                key.attr("crm"), key.attr("inventory"),
                second == null ? null : second.attr("crm"), second == null ? null : second.attr("inventory"),
                parent == null ? null : parent.attr("crm"), parent == null ? null : parent.attr("module"),
                fields);
    }

    private FieldMapping field(Path file, Node n, String crmModule, String entity) {
        FieldMapping f = new FieldMapping();
        f.file = file;
        f.line = n.line;
        f.crm = n.attr("crm");
        f.inventory = n.attr("inventory");
        f.direction = FieldMapping.Direction.valueOf(n.attr("direction").toUpperCase());
        String custom = n.attr("custom");
        f.crmCustom = "crm".equals(custom) || "both".equals(custom);
        f.inventoryCustom = "inventory".equals(custom) || "both".equals(custom);
        f.onlyOnCreate = Boolean.parseBoolean(n.attr("onlyOnCreate")) || "1".equals(n.attr("onlyOnCreate"));

        Node concat = n.child("concat");
        if (concat != null) {
            f.concatParts = concat.all("part").stream().map(p -> p.attr("crm")).toList();
            f.separator = concat.attr("separator") == null ? " " : concat.attr("separator");
        }
        f.trim = n.child("trim") != null;
        Node lookup = n.child("lookup");
        if (lookup != null) {
            checkModule(file, lookup.line, lookup.attr("module"));
            f.lookupModule = lookup.attr("module");
        }
        Node valueMap = n.child("valueMap");
        if (valueMap != null) {
            f.crmToInventory = new LinkedHashMap<>();
            f.inventoryToCrm = new LinkedHashMap<>();
            for (Node e : valueMap.all("entry")) {
                // several CRM values may map to one Inventory value; pushing it back takes the first
                f.crmToInventory.putIfAbsent(e.attr("crm"), e.attr("inventory"));
                f.inventoryToCrm.putIfAbsent(e.attr("inventory"), e.attr("crm"));
            }
            f.inventoryDefault = valueMap.attr("inventoryDefault");
            f.crmDefault = valueMap.attr("crmDefault");
        }
        f.date = n.child("date") != null;
        f.dateTime = n.child("dateTime") != null;
        Node def = n.child("default");
        f.defaultValue = def == null ? null : def.attr("value");
        Node truncate = n.child("truncate");
        if (truncate != null) {
            try {
                f.truncate = Integer.parseInt(truncate.attr("length"));
            } catch (NumberFormatException e) {
                throw new MappingException(file, truncate.line, "truncate length " + truncate.attr("length")
                        + " is too large; no field holds more than " + Integer.MAX_VALUE + " characters");
            }
        }

        // documented lengths of standard target fields; a custom field's type (and so its length) is unknown
        f.inventoryMaxLength = f.inventory == null || f.inventoryCustom ? 0 : KnownFields.inventoryMaxLength(entity, f.inventory);
        f.crmMaxLength = f.crm == null || f.crmCustom ? 0 : KnownFields.crmMaxLength(crmModule, f.crm);

        checkShape(file, n.line, f);
        for (String crm : f.crmNames()) {
            checkCrm(file, concat != null ? concat.line : n.line, crmModule, crm, f.crmCustom);
        }
        if (f.inventory != null) {
            checkInventory(file, n.line, entity, f.inventory, f.inventoryCustom);
        }
        return f;
    }

    /** Which sources and targets a field may have, given its direction. */
    private static void checkShape(Path file, int line, FieldMapping f) {
        if (f.isConcat() && f.crm != null) {
            throw new MappingException(file, line, "a field with concat takes its CRM values from the parts; "
                    + "remove crm=\"" + f.crm + "\"");
        }
        if (f.isConcat() && f.direction != FieldMapping.Direction.PULL) {
            throw new MappingException(file, line, "concat works only with direction=\"pull\" "
                    + "(one Inventory value cannot be split back into CRM fields)");
        }
        boolean hasCrm = f.crm != null || f.isConcat();
        if (!hasCrm && f.inventory == null) {
            throw new MappingException(file, line, "a field needs crm, inventory, or both");
        }
        if (!hasCrm && (f.direction != FieldMapping.Direction.PULL || f.defaultValue == null)) {
            throw new MappingException(file, line, "a field without crm writes a constant to Inventory: "
                    + "it needs direction=\"pull\" and a <default value=\"...\"/>");
        }
        if (f.inventory == null && (f.direction != FieldMapping.Direction.PUSH || f.defaultValue == null)) {
            throw new MappingException(file, line, "a field without inventory writes a constant to CRM: "
                    + "it needs direction=\"push\" and a <default value=\"...\"/>");
        }
    }

    /** Two fields writing one target would race; the second would silently win. */
    private static void checkTargetsUnique(Path file, List<FieldMapping> fields) {
        Map<String, FieldMapping> inventoryTargets = new HashMap<>();
        Map<String, FieldMapping> crmTargets = new HashMap<>();
        for (FieldMapping f : fields) {
            if (f.direction.pulls()) {
                FieldMapping before = inventoryTargets.putIfAbsent(f.inventory, f);
                if (before != null) {
                    throw new MappingException(file, f.line, "Inventory field '" + f.inventory
                            + "' is already written by the field on line " + before.line);
                }
            }
            if (f.direction.pushes()) {
                FieldMapping before = crmTargets.putIfAbsent(f.crm, f);
                if (before != null) {
                    throw new MappingException(file, f.line, "CRM field '" + f.crm
                            + "' is already written by the field on line " + before.line);
                }
            }
        }
    }

    private static boolean declaredCustomCrm(List<FieldMapping> fields, String crm) {
        return fields.stream().anyMatch(f -> f.crmCustom && f.crmNames().contains(crm));
    }

    private static boolean declaredCustomInventory(List<FieldMapping> fields, String inventory) {
        return fields.stream().anyMatch(f -> f.inventoryCustom && inventory.equals(f.inventory));
    }

    private static void checkCrm(Path file, int line, String crmModule, String field, boolean custom) {
        if (!custom && !KnownFields.isCrmField(crmModule, field)) {
            throw new MappingException(file, line, "unknown CRM field '" + field + "' in module " + crmModule
                    + " (a custom field needs custom=\"crm\")");
        }
    }

    private static void checkInventory(Path file, int line, String entity, String path, boolean custom) {
        if (!custom && !KnownFields.isInventoryField(entity, path)) {
            throw new MappingException(file, line, "unknown Inventory field '" + path + "' of " + entity
                    + " (a custom field needs custom=\"inventory\")");
        }
    }

    private static void checkModule(Path file, int line, String module) {
        if (!KnownFields.MODULES.contains(module)) {
            throw new MappingException(file, line, "unknown module '" + module + "', expected one of "
                    + KnownFields.MODULES);
        }
    }
}
