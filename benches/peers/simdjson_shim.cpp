// A tiny C ABI over simdjson 3 (Debian libsimdjson-dev) for benches/compare.rs, which loads it
// with dlopen. Built by benches/peers/build-simdjson-shim.sh into target/peers/. Every read
// returns the checksum of compare.rs: 0 for a success, SIZE_MAX for a body that is not JSON,
// and for an error |code| + the bytes of the message, of each parameter's name and messages.
// Each buffer passed in has `capacity - len` >= SIMDJSON_PADDING readable bytes after it, so
// simdjson reads it in place (no copy): simdjson at its best.
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <string_view>

using namespace simdjson;

namespace {

// One DOM parser and one on-demand parser, reused across calls as simdjson recommends.
struct Shim {
  dom::parser dom;
  ondemand::parser ondemand;
};

const size_t INVALID = SIZE_MAX;

// The bytes of one parameter's messages: a string, or an array of strings (another item
// counts 1, as in compare.rs).
size_t dom_messages(dom::element value) {
  std::string_view text;
  if (value.get_string().get(text) == SUCCESS) return text.size();
  dom::array items;
  if (value.get_array().get(items) != SUCCESS) return 1;
  size_t sum = 0;
  for (dom::element item : items) {
    sum += item.get_string().get(text) == SUCCESS ? text.size() : 1;
  }
  return sum;
}

size_t ondemand_messages(ondemand::value value) {
  ondemand::json_type type;
  if (value.type().get(type) != SUCCESS) return 1;
  std::string_view text;
  if (type == ondemand::json_type::string) {
    return value.get_string().get(text) == SUCCESS ? text.size() : 1;
  }
  if (type != ondemand::json_type::array) return 1;
  size_t sum = 0;
  for (auto item : value.get_array()) {
    sum += item.get_string().get(text) == SUCCESS ? text.size() : 1;
  }
  return sum;
}

}  // namespace

extern "C" {

// A new parser pair, or NULL when out of memory.
void *simdjson_shim_new() { return new (std::nothrow) Shim(); }

void simdjson_shim_free(void *shim) { delete static_cast<Shim *>(shim); }

// The kernel the DOM parser runs (chosen at run time: icelake, haswell, westmere, fallback)
// and the one compiled into this shim for the on-demand API (by the shim's -march).
const char *simdjson_shim_dom_implementation() {
  return get_active_implementation()->name().data();
}
const char *simdjson_shim_ondemand_implementation() {
  return SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION);
}

// Validation only: a full DOM parse (stage 1 and 2, the tape), then the error code. 1 when
// the body is valid JSON, 0 otherwise.
size_t simdjson_shim_validate(void *shim, const char *body, size_t len) {
  return static_cast<Shim *>(shim)->dom.parse(body, len, false).error() == SUCCESS;
}

// The DOM parse and what a plugin reads: success or error, code, message, every parameter.
size_t simdjson_shim_dom_read(void *shim, const char *body, size_t len) {
  dom::element root;
  if (static_cast<Shim *>(shim)->dom.parse(body, len, false).get(root) != SUCCESS) {
    return INVALID;
  }
  dom::object error;
  if (root["error"].get_object().get(error) != SUCCESS) return 0;
  int64_t code = 0;
  std::string_view message;
  if (error["code"].get_int64().get(code) != SUCCESS) code = 0;
  if (error["message"].get_string().get(message) != SUCCESS) message = {};
  size_t sum = static_cast<size_t>(std::llabs(code)) + message.size();
  dom::object data;
  if (error["data"].get_object().get(data) == SUCCESS) {
    for (dom::key_value_pair field : data) {
      sum += field.key.size() + dom_messages(field.value);
    }
  }
  return sum;
}

// The on-demand API, lazily: it finds "error" and reads it, skipping the rest by the
// structural index of stage 1 (UTF-8 and structure), so it does not validate the whole
// grammar of what it skips (a success's result, say).
size_t simdjson_shim_ondemand_read(void *shim, const char *body, size_t len, size_t capacity) {
  ondemand::document doc;
  if (static_cast<Shim *>(shim)->ondemand.iterate(body, len, capacity).get(doc) != SUCCESS) {
    return INVALID;
  }
  ondemand::object root;
  if (doc.get_object().get(root) != SUCCESS) return INVALID;
  ondemand::object error;
  if (root.find_field_unordered("error").get_object().get(error) != SUCCESS) return 0;
  int64_t code = 0;
  std::string_view message;
  if (error.find_field_unordered("code").get_int64().get(code) != SUCCESS) code = 0;
  if (error.find_field_unordered("message").get_string().get(message) != SUCCESS) {
    message = {};
  }
  size_t sum = static_cast<size_t>(std::llabs(code)) + message.size();
  ondemand::object data;
  if (error.find_field_unordered("data").get_object().get(data) == SUCCESS) {
    for (auto field : data) {
      std::string_view key;
      if (field.unescaped_key().get(key) != SUCCESS) return INVALID;
      sum += key.size() + ondemand_messages(field.value());
    }
  }
  return sum;
}

}  // extern "C"
