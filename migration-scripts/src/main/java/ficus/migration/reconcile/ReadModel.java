package ficus.migration.reconcile;

import ficus.acl.customer.CustomerState;
import ficus.core.FicusException;
import java.util.List;
import java.util.Set;

/**
 * A component's read model as reconciliation reads it: the table, its key column, the compared fields (each a column
 * named like the translated field, in snake case) and the condition of rows that count as present.
 *
 * @param component the component's name ({@code customer-status})
 * @param table     its table
 * @param key       the aggregate id column
 * @param fields    translated field → component column, compared in this order
 * @param present   SQL condition of the rows that exist for the component (e.g. {@code not removed})
 */
public record ReadModel(String component, String table, String key, List<Field> fields, String present) {

    /** One compared field: the translation's field name and the component's column. */
    public record Field(String field, String column) {
    }

    /** The fields of the customer root a read model may compare (parts are not projected by reconcile). */
    public static final Set<String> COMPARABLE = Set.of("customerId", "name", "email", "status", "registeredAt");

    /** {@code customer-status}: {@code customer_status(customer_id, status, removed)}; compares status. */
    public static final ReadModel CUSTOMER_STATUS = new ReadModel("customer-status", "customer_status", "customer_id",
            List.of(new Field("status", "status")), "not removed");

    public ReadModel {
        fields = List.copyOf(fields);
        for (Field f : fields) {
            if (!COMPARABLE.contains(f.field())) {
                throw new FicusException.BadInput("read model " + component + ": field " + f.field()
                        + " cannot be reconciled (comparable: " + COMPARABLE + ")");
            }
        }
    }

    /** A known component by name. */
    public static ReadModel forComponent(String name) {
        if (CUSTOMER_STATUS.component().equals(name)) {
            return CUSTOMER_STATUS;
        }
        throw new FicusException.BadInput("--component " + name + ": no read model known by that name (known: "
                + CUSTOMER_STATUS.component() + ")");
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::field).toList();
    }

    String sql() {
        return "select " + key + ", " + String.join(", ", fields.stream().map(Field::column).toList()) + " from "
                + table + (present == null ? "" : " where " + present) + " order by " + key;
    }

    /** The translated value of a field, as the component stores it (enum names, ISO instants). */
    static String value(CustomerState state, String field) {
        Object value = switch (field) {
            case "customerId" -> state.customerId();
            case "name" -> state.name();
            case "email" -> state.email();
            case "status" -> state.status().name();
            case "registeredAt" -> state.registeredAt();
            default -> throw new IllegalArgumentException(field);
        };
        return value == null ? null : value.toString();
    }
}
