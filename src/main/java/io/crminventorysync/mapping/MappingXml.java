package io.crminventorysync.mapping;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Between a mapping's XML and its table: {@link #read} a (valid) mapping into rows, {@link #write} rows
 * back into the file format with one line per field, so that an error the loader reports by line
 * is shown at its row.
 */
public final class MappingXml {

    private MappingXml() {
    }

    /** The XML and, for each field row, the line it is on. */
    public record Written(String xml, Map<Integer, MappingTable.At> rowsByLine) {
    }

    public static MappingTable read(String module, String xml) {
        Element root = parse(xml).getDocumentElement();
        List<MappingTable.Record> records = new ArrayList<>();
        for (Element r : children(root, "record")) {
            List<String> fixed = new ArrayList<>();
            List<MappingTable.Row> rows = new ArrayList<>();
            for (Element e : children(r, null)) {
                if (e.getLocalName().equals("field")) {
                    StringBuilder transforms = new StringBuilder();
                    for (Element t : children(e, null)) {
                        serialize(t, transforms);
                    }
                    rows.add(new MappingTable.Row(attr(e, "crm"), attr(e, "inventory"), attr(e, "direction"),
                            attr(e, "custom"), "true".equals(e.getAttribute("onlyOnCreate")) || "1".equals(e.getAttribute("onlyOnCreate")),
                            transforms.toString()));
                } else {
                    StringBuilder sb = new StringBuilder();
                    serialize(e, sb);
                    fixed.add(sb.toString());
                }
            }
            records.add(new MappingTable.Record(r.getAttribute("name"), r.getAttribute("crmModule"),
                    r.getAttribute("inventory"), fixed, rows));
        }
        return new MappingTable(module, records);
    }

    public static Written write(MappingTable table) {
        StringBuilder sb = new StringBuilder();
        Map<Integer, MappingTable.At> lines = new LinkedHashMap<>();
        int line = 1;
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<mapping xmlns=\"").append(MappingLoader.NAMESPACE).append("\" module=\"")
                .append(escape(table.module())).append("\">\n");
        line += 2;
        for (int r = 0; r < table.records().size(); r++) {
            MappingTable.Record record = table.records().get(r);
            sb.append("  <record name=\"").append(escape(record.name())).append("\" crmModule=\"")
                    .append(escape(record.crmModule())).append("\" inventory=\"").append(escape(record.inventory()))
                    .append("\">\n");
            line++;
            for (String fixed : record.fixed()) {
                sb.append("    ").append(oneLine(fixed)).append('\n');
                line++;
            }
            for (int i = 0; i < record.fields().size(); i++) {
                MappingTable.Row row = record.fields().get(i);
                sb.append("    <field");
                attr(sb, "crm", row.crm());
                attr(sb, "inventory", row.inventory());
                attr(sb, "direction", row.direction());
                attr(sb, "custom", row.custom());
                if (row.onlyOnCreate()) {
                    attr(sb, "onlyOnCreate", "true");
                }
                String transforms = row.transforms() == null ? "" : oneLine(row.transforms());
                if (transforms.isEmpty()) {
                    sb.append("/>\n");
                } else {
                    sb.append('>').append(transforms).append("</field>\n");
                }
                lines.put(line++, new MappingTable.At(r, i));
            }
            sb.append("  </record>\n");
            line++;
        }
        sb.append("</mapping>\n");
        return new Written(sb.toString(), lines);
    }

    /** The standard Inventory field names of an entity (contact, contact_person, item), to offer in the table. */
    public static List<String> inventoryFields(String entity) {
        return KnownFields.inventoryFields(entity);
    }

    private static String oneLine(String xml) {
        return xml.replaceAll("\\s*[\\r\\n]+\\s*", "").trim();
    }

    private static void attr(StringBuilder sb, String name, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(' ').append(name).append("=\"").append(escape(value.trim())).append('"');
        }
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : "";
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && (name == null || name.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** An element as XML without namespace declarations (they are the mapping's own). */
    private static void serialize(Element e, StringBuilder sb) {
        sb.append('<').append(e.getLocalName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI()) && a.getNamespaceURI() == null) {
                sb.append(' ').append(a.getLocalName()).append("=\"").append(escape(a.getNodeValue())).append('"');
            }
        }
        List<Element> kids = children(e, null);
        String text = e.getTextContent() == null ? "" : e.getTextContent().trim();
        if (kids.isEmpty() && text.isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        if (kids.isEmpty()) {
            sb.append(escape(text));
        }
        for (Element k : kids) {
            serialize(k, sb);
        }
        sb.append("</").append(e.getLocalName()).append('>');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a mapping: " + e.getMessage(), e);
        }
    }
}
