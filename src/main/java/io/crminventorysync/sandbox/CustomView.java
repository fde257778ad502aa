package io.crminventorysync.sandbox;

/** A CRM custom view: a named, saved filter of one module, selected in list calls by cvid. */
record CustomView(long id, String module, String name, String systemName, boolean systemDefined,
                  boolean isDefault, String category, String criteria, Criteria.Node filter, long createdAt) {

    /** True when the record belongs to the view (a view without criteria holds every record). */
    boolean contains(java.util.function.Function<String, Object> valueOf) {
        return filter == null || filter.test(valueOf);
    }
}
