package ficus.acl.customer;

import java.util.Objects;

/** A customer's home address (legacy {@code crm.cust_addr} row with {@code addr_typ = 'H'}). */
public record CustomerAddress(String line1, String city, String zip, String country) {
    public CustomerAddress {
        Objects.requireNonNull(line1, "line1");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(zip, "zip");
        Objects.requireNonNull(country, "country");
    }
}
