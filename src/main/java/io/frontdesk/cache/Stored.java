package io.frontdesk.cache;

/** What a cache key holds: a response, or the rule that says which variant key to look at. */
sealed interface Stored permits StoredResponse, VaryRule {
}
