package ficus.connectors.plan;

/**
 * One thing wrong with a capture plan, where it is and what to do about it. Rendered as
 * {@code <file>:<line>: <field>: <what is wrong and what to do>}, the shape editors and CI logs link to.
 */
public record PlanProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
