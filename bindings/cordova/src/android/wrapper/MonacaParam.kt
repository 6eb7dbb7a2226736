package dev.cloudrpc.monaca

/**
 * One validation entry of a -32602 (Invalid params) error: a parameter [name] (dotted for a
 * nested object, `"properties.age"`) and its [messages] (possibly none, for an empty array or
 * object), as the core read them from `data`. [MonacaCloudError.params] lists them in server
 * order, a repeated name giving a repeated entry.
 */
data class MonacaParam(val name: String, val messages: List<String>)
