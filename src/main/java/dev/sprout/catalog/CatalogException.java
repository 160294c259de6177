package dev.sprout.catalog;

/** The workspace or pack is not usable; the message says what to do. */
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }
}
