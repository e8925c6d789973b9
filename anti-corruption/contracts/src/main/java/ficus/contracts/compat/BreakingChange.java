package ficus.contracts.compat;

/**
 * A change between the committed and the generated contract that can break an existing consumer.
 *
 * @param where  e.g. {@code sales.invoice.v1/InvoiceIssued.schema.json#/state/email}
 * @param what   e.g. {@code removed (was string)}
 */
public record BreakingChange(String where, String what) {

    @Override
    public String toString() {
        return where + ": " + what;
    }
}
