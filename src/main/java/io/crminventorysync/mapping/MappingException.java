package io.crminventorysync.mapping;

import java.nio.file.Path;

/**
 * A broken mapping file (at load time: file, line and reason) or a value a field mapping cannot
 * transform (at run time: the field, the reason, and where the field is declared).
 *
 * <p>The message is meant to be shown as is, e.g.
 * {@code Mapping mappings/accounts.xml line 12: unknown CRM field 'Acount_Name' in module Accounts}.
 */
public class MappingException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String field;
    private final String reason;

    /** A load-time error; line is 0 when the problem is the file as a whole. */
    public MappingException(Path file, int line, String reason) {
        this(file, line, null, reason, null);
    }

    public MappingException(Path file, int line, String reason, Throwable cause) {
        this(file, line, null, reason, cause);
    }

    /**
     * A transform-time error of one field; file and line say where that field is declared.
     *
     * @param field the field as it reads in the mapping, e.g. {@code Vendor_Name -> vendor_id}
     */
    public MappingException(Path file, int line, String field, String reason) {
        this(file, line, field, reason, null);
    }

    private MappingException(Path file, int line, String field, String reason, Throwable cause) {
        super(format(file, line, field, reason), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    private static String format(Path file, int line, String field, String reason) {
        StringBuilder b = new StringBuilder("Mapping ");
        b.append(file == null ? "?" : file.toString().replace('\\', '/'));
        if (line > 0) {
            b.append(" line ").append(line);
        }
        if (field != null) {
            b.append(" field ").append(field);
        }
        return b.append(": ").append(reason).toString();
    }

    /** The mapping file. */
    public Path file() {
        return file;
    }

    /** The line in {@link #file()}, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The field that failed to transform (e.g. {@code Vendor_Name -> vendor_id}); null for load-time errors. */
    public String field() {
        return field;
    }

    /** The reason alone, without file and line. */
    public String reason() {
        return reason;
    }
}
