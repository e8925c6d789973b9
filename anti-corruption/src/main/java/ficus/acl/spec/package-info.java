/**
 * Translation specs: the declarative form of a translation (which legacy columns become which fields, with what type
 * conversion and code map, which changes produce which event type, soft-delete flags, the parts of an aggregate kept
 * in other tables) and the {@link ficus.acl.spec.TranslationExtension} SPI for what the declarative form cannot say.
 * Pure Java like {@code ficus.acl.translation}; the YAML reader lives in {@code ficus.acl.spec.yaml}.
 */
package ficus.acl.spec;
