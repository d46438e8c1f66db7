"""The worksheet file, derived from one definition: the model's dataclasses.

The classes in :mod:`app.document.model` *are* the file format. Their fields,
in declaration order, are the keys of the JSON objects, in the same order; a
field's type says what the file may hold (text, a whole number, one of an
enum's values, a list of …); a field without a default (or marked
``required``) must be present. A few things a type cannot say are given with
:func:`filed` in the field's metadata: another key in the file
(``next_claim_number`` for ``Worksheet.next_number``), a named kind of value
with its own constraints (an id, an offset, a SHA-256 hash), a range, a value
computed on writing only (the article's ``sha256``), and fields that are not
written at all (the evidence locker, which holds bytes, not JSON).

From that one definition this module derives the three things that used to
be written by hand and could drift apart:

- :func:`json_schema`: the JSON Schema the loader validates against (and
  that is published as ``app/resources/schema/worksheet.schema.json``; a test
  fails when the published file is not what the model gives);
- :func:`encoder`: object → JSON-ready dict, keys in declaration order;
- :func:`decoder`: JSON dict (already validated) → object, with each
  field's default when the key is missing.

The encoder and decoder are generated as Python source once per class (as
:mod:`dataclasses` itself does for ``__init__``), so they cost what the
hand-written converters they replace cost.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

Schema = dict[str, Any]

#: Named kinds of value: a field marked ``filed(kind="id")`` refers to ``$defs/id``.
KINDS: dict[str, Schema] = {
    "id": {"type": "string", "minLength": 1, "maxLength": 200},
    "offset": {"type": "integer", "minimum": 0},
    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
}

_META = "claimsheet"
ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT"})()
"""No value given (``dataclasses.MISSING`` cannot be a dataclass field's default)."""


@dataclasses.dataclass(frozen=True)
class Filed:
    """How one field appears in the file, beyond what its type says."""

    key: str | None = None  # the key in the file, when it differs from the attribute
    required: bool = False  # present in every file even though the model has a default
    kind: str | None = None  # one of KINDS
    schema: Mapping[str, Any] | None = None  # extra constraints (minimum, maximum …)
    written: bool = True  # False: not part of the file at all
    missing: Any = ABSENT  # the value when the key is absent (else the default)
    #: Keys computed from this field's value and written just before it (never read back).
    computed: tuple[tuple[str, Callable[[Any], Any]], ...] = ()


def filed(*, key: str | None = None, required: bool = False, kind: str | None = None,
          schema: Mapping[str, Any] | None = None, written: bool = True,
          missing: Any = ABSENT,
          computed: tuple[tuple[str, Callable[[Any], Any]], ...] = ()) -> dict[str, Filed]:
    """Field metadata: ``field(default="", metadata=filed(key="source"))``."""
    return {_META: Filed(key, required, kind, schema, written, missing, computed)}


def _filed(f: dataclasses.Field[Any]) -> Filed:
    found = f.metadata.get(_META)
    return found if isinstance(found, Filed) else Filed()


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One written field of a class: attribute, key in the file, type, default."""

    attr: str
    key: str
    hint: Any
    required: bool
    filed: Filed
    field: dataclasses.Field[Any]


def _hint(cls: type, f: dataclasses.Field[Any]) -> Any:
    """A field's type (annotations are strings under ``from __future__ import annotations``)."""
    if not isinstance(f.type, str):
        return f.type
    owner = next((c for c in cls.__mro__ if f.name in c.__dict__.get("__annotations__", {})),
                 cls)  # an inherited field's annotation belongs to its own module
    module = sys.modules[owner.__module__]
    return eval(f.type, vars(module))  # noqa: S307 - the model's own annotations


@functools.cache
def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    """The written fields of a model class, in declaration (= file) order."""
    out = []
    for f in dataclasses.fields(cls):
        meta = _filed(f)
        if not meta.written:
            continue
        no_default = (f.default is dataclasses.MISSING
                      and f.default_factory is dataclasses.MISSING)
        out.append(FieldSpec(f.name, meta.key or f.name, _hint(cls, f),
                             no_default or meta.required, meta, f))
    return tuple(out)


def _optional(hint: Any) -> Any | None:
    """``X`` for ``X | None``, else None."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


def def_name(cls: type) -> str:
    """``Claim`` → ``claim`` (the name under ``$defs``)."""
    name = cls.__name__
    return "".join(("_" + c.lower()) if c.isupper() and i else c.lower()
                   for i, c in enumerate(name))


# ---------------------------------------------------------------- schema


def _type_schema(hint: Any, defs: dict[str, Schema]) -> Schema:
    inner = _optional(hint)
    if inner is not None:
        schema = _type_schema(inner, defs)
        if "enum" in schema:
            return {"enum": [None, *schema["enum"]]}
        if "type" in schema and len(schema) == 1:
            return {"type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return {"type": "array", "items": _type_schema(item, defs)}
    if origin is dict:
        key, value = typing.get_args(hint)
        if key is not str:
            raise TypeError(f"only str keys can be written as JSON, not {key!r}")
        return {"type": "object", "additionalProperties": _type_schema(value, defs)}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if hint is str:
        return {"type": "string"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        name = def_name(hint)
        if name not in defs:
            defs[name] = {}  # placeholder: recursion and order
            defs[name] = _class_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"the file format cannot describe {hint!r}")


def _field_schema(spec: FieldSpec, defs: dict[str, Schema]) -> Schema:
    meta = spec.filed
    if meta.kind is not None:
        if not defs.get(meta.kind):
            defs[meta.kind] = dict(KINDS[meta.kind])
        schema: Schema = {"$ref": f"#/$defs/{meta.kind}"}
        if typing.get_origin(spec.hint) is list:
            schema = {"type": "array", "items": schema}
    else:
        schema = _type_schema(spec.hint, defs)
    if meta.schema:
        schema = {**schema, **meta.schema}
    return schema


def _class_schema(cls: type, defs: dict[str, Schema],
                  before: Mapping[str, Schema] | None = None,
                  required_before: tuple[str, ...] = ()) -> Schema:
    properties: Schema = dict(before or {})
    required = list(required_before)
    for spec in fields_of(cls):
        for key, _fn in spec.filed.computed:
            properties[key] = {"type": "string"}
        properties[spec.key] = _field_schema(spec, defs)
        if spec.required:
            required.append(spec.key)
    return {"type": "object", "required": required, "properties": properties}


def json_schema(root: type, *, before: Mapping[str, Schema], required_before: tuple[str, ...],
                header: Mapping[str, Any]) -> Schema:
    """The JSON Schema of a file whose top level is ``root``.

    ``before`` are properties of the file itself that precede the root's
    fields (the format marker and version), ``header`` the schema's own
    ``$schema``, ``$id`` and ``title``.
    """
    defs: dict[str, Schema] = {}
    for kind in KINDS:  # named kinds first, in a fixed order
        defs[kind] = {}
    body = _class_schema(root, defs, before, required_before)
    used = {k: v for k, v in defs.items() if v or k not in KINDS}
    return {**header, **body, "$defs": used}


# ---------------------------------------------------------------- generated converters


class _Generator:
    """Writes the encoder and decoder of each class as Python source, once."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.encoders: dict[type, Callable[[Any], dict[str, Any]]] = {}
        self.decoders: dict[type, Callable[[dict[str, Any]], Any]] = {}
        self.pending: set[type] = set()  # classes being generated (a recursive reference)

    def _bind(self, value: Any, prefix: str) -> str:
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    # encoding: attribute value -> JSON value

    def _encode_expr(self, hint: Any, expr: str) -> str:
        inner = _optional(hint)
        if inner is not None:
            return f"(None if {expr} is None else {self._encode_expr(inner, expr)})"
        origin = typing.get_origin(hint)
        if origin is list:
            (item,) = typing.get_args(hint)
            element = self._encode_expr(item, "x")
            return f"list({expr})" if element == "x" else f"[{element} for x in {expr}]"
        if origin is dict:
            _, value = typing.get_args(hint)
            element = self._encode_expr(value, "v")
            return f"dict({expr})" if element == "v" else \
                f"{{k: {element} for k, v in {expr}.items()}}"
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return f"{expr}.value"
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            self.encoder(hint)
            if hint in self.pending:
                return f"{self._bind(self.encoders, 'enc')}[{self._bind(hint, 'cls')}]({expr})"
            return f"{self._bind(self.encoders[hint], 'enc')}({expr})"
        return expr

    def encoder(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        if cls in self.encoders:
            return self.encoders[cls]
        self.encoders[cls] = lambda obj: {}  # placeholder while generating (recursion)
        self.pending.add(cls)
        items = []
        for spec in fields_of(cls):
            value = f"o.{spec.attr}"
            for key, fn in spec.filed.computed:
                items.append(f"{key!r}: {self._bind(fn, 'fn')}({value})")
            items.append(f"{spec.key!r}: {self._encode_expr(spec.hint, value)}")
        source = "def encode(o):\n    return {" + ", ".join(items) + "}\n"
        self.encoders[cls] = self._compile(source, "encode", cls)
        self.pending.discard(cls)
        return self.encoders[cls]

    # decoding: JSON value (validated) -> attribute value

    def _decode_expr(self, hint: Any, expr: str) -> str:
        inner = _optional(hint)
        if inner is not None:
            decoded = self._decode_expr(inner, "y")
            if decoded == "y":
                return expr
            return f"(None if (y := {expr}) is None else {decoded})"
        origin = typing.get_origin(hint)
        if origin is list:
            (item,) = typing.get_args(hint)
            element = self._decode_expr(item, "x")
            return f"list({expr})" if element == "x" else f"[{element} for x in {expr}]"
        if origin is dict:
            _, value = typing.get_args(hint)
            element = self._decode_expr(value, "v")
            return f"dict({expr})" if element == "v" else \
                f"{{k: {element} for k, v in {expr}.items()}}"
        if hint is int:  # JSON Schema counts 3.0 as an integer; Python slices do not
            return f"(n if (n := {expr}).__class__ is int else int(n))"
        if hint is float:
            return f"float({expr})"
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            table = {member.value: member for member in hint}
            return f"{self._bind(table, 'enum')}[{expr}]"
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            self.decoder(hint)
            if hint in self.pending:  # recursion: look the decoder up when it runs
                return f"{self._bind(self.decoders, 'dec')}[{self._bind(hint, 'cls')}]({expr})"
            return f"{self._bind(self.decoders[hint], 'dec')}({expr})"
        return expr

    def decoder(self, cls: type) -> Callable[[dict[str, Any]], Any]:
        if cls in self.decoders:
            return self.decoders[cls]
        self.decoders[cls] = lambda data: None  # placeholder while generating (recursion)
        self.pending.add(cls)
        args = []
        for spec in fields_of(cls):
            key = repr(spec.key)
            decoded = self._decode_expr(spec.hint, f"d[{key}]")
            if spec.required:
                args.append(f"{spec.attr}={decoded}")
                continue
            f = spec.field
            if spec.filed.missing is not ABSENT:
                absent = self._bind(spec.filed.missing, "missing")
            elif f.default is not dataclasses.MISSING:
                absent = self._bind(f.default, "default")
            else:  # a default factory: a fresh list, dict or id for each object
                absent = f"{self._bind(f.default_factory, 'factory')}()"
            if decoded == f"d[{key}]":
                args.append(f"{spec.attr}=d.get({key}, {absent})")
            else:
                args.append(f"{spec.attr}=({decoded} if {key} in d else {absent})")
        source = (f"def decode(d):\n    return {self._bind(cls, 'cls')}(\n        "
                  + ",\n        ".join(args) + ")\n")
        self.decoders[cls] = self._compile(source, "decode", cls)
        self.pending.discard(cls)
        return self.decoders[cls]

    def _compile(self, source: str, name: str, cls: type) -> Callable[..., Any]:
        namespace: dict[str, Any] = {}
        code = compile(source, f"<{name} {cls.__qualname__}>", "exec")
        exec(code, self.names, namespace)  # noqa: S102 - source generated from the model
        function: Callable[..., Any] = namespace[name]
        function.__qualname__ = f"{name}_{def_name(cls)}"
        function.__doc__ = source
        return function


_GENERATOR = _Generator()


def encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The generated function ``obj -> dict`` of a model class (keys in file order)."""
    return _GENERATOR.encoder(cls)


def decoder(cls: type) -> Callable[[dict[str, Any]], Any]:
    """The generated function ``dict -> obj`` of a model class (the dict passed the schema)."""
    return _GENERATOR.decoder(cls)
