"""Register a FastMCP tool from its pinned args model (schemas/tools/*.py), declared once.

`add_model_tool` builds the tool function's signature from the model's fields (annotation,
constraints, description, default), so the advertised inputSchema is exactly the model's; the
call is validated into the model, its `schema_version` checked, and handed with the server's
lifespan state to the implementation `impl(args, state)`. A sync `impl` runs in a worker thread.
The injected `ctx: Context` parameter is dropped from the schema by FastMCP.

Internal fields (schemas/tools/internal.py: `schema_version`, `synthetic_points`) are left out of
the advertised schema and read from the request's `_meta` instead. Every bundled tool gets a title
and the annotations of a read-only, idempotent, closed-world tool (READ_ONLY) unless told otherwise.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, cast

import anyio
from mcp.server.fastmcp import Context, FastMCP
from mcp.types import ToolAnnotations
from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from planexec.schemas.base import SCHEMA_VERSION, Contract
from planexec.schemas.tools.internal import INTERNAL_ARGS, INTERNAL_META_KEY

ArgsT = TypeVar("ArgsT", bound=Contract)
ResultT = TypeVar("ResultT", bound=BaseModel)
Impl = Callable[[ArgsT, Any], ResultT] | Callable[[ArgsT, Any], Awaitable[ResultT]]


READ_ONLY = ToolAnnotations(
    readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False
)
"""Reads planexec's own datasets; the same call gives the same answer; touches nothing outside."""

KEEPS_RESULTS = ToolAnnotations(
    readOnlyHint=False, destructiveHint=False, idempotentHint=True, openWorldHint=False
)
"""Stores what it computed in the server's own handle store / maps folder (additive, never deletes);
repeating the call stores the same thing again. Nothing outside planexec is touched."""


class UnsupportedVersionError(ValueError):
    """The caller speaks another major version of the planexec contracts."""


def check_version(schema_version: str) -> None:
    if schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise UnsupportedVersionError(
            f"unsupported schema_version {schema_version!r}; this server speaks {SCHEMA_VERSION}"
        )


def _parameter(name: str, field: FieldInfo) -> inspect.Parameter:
    described = Field(
        description=field.description,
        title=field.title,
        examples=field.examples,
        json_schema_extra=field.json_schema_extra,
    )
    annotation = Annotated[(field.annotation, *field.metadata, described)]  # type: ignore[valid-type,name-defined]
    default = inspect.Parameter.empty if field.is_required() else field.get_default(call_default_factory=True)
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def model_signature(args_model: type[BaseModel], result_model: type[BaseModel]) -> inspect.Signature:
    """`(*, ctx: Context, <one keyword per model field>) -> result_model`."""
    params = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context)]
    fields = args_model.model_fields.items()
    params += [_parameter(name, field) for name, field in fields if name not in INTERNAL_ARGS]
    return inspect.Signature(params, return_annotation=result_model)


def internal_args(ctx: Context, args_model: type[BaseModel]) -> dict[str, Any]:
    """The internal fields the caller sent in `_meta` (only those `args_model` has)."""
    meta = ctx.request_context.meta
    extra = (getattr(meta, "model_extra", None) or {}) if meta is not None else {}
    sent = extra.get(INTERNAL_META_KEY)
    if not isinstance(sent, dict):
        return {}
    return {k: v for k, v in sent.items() if k in INTERNAL_ARGS and k in args_model.model_fields}


def add_model_tool(
    server: FastMCP[Any],
    name: str,
    args_model: type[ArgsT],
    result_model: type[ResultT],
    impl: Impl[ArgsT, ResultT],
    description: str | None = None,
    *,
    title: str,
    annotations: ToolAnnotations = READ_ONLY,
) -> None:
    """Register `impl(args, state)` as tool `name` taking `args_model` and returning `result_model`."""

    async def tool(ctx: Context, **kwargs: Any) -> Any:
        public = {k: v for k, v in kwargs.items() if k not in INTERNAL_ARGS}
        args = args_model.model_validate({**public, **internal_args(ctx, args_model)})
        check_version(args.schema_version)
        state = ctx.request_context.lifespan_context
        if inspect.iscoroutinefunction(impl):
            return await impl(args, state)
        return await anyio.to_thread.run_sync(cast(Callable[[ArgsT, Any], ResultT], impl), args, state)

    tool.__name__ = getattr(impl, "__name__", name)
    tool.__doc__ = impl.__doc__
    tool.__signature__ = model_signature(args_model, result_model)  # type: ignore[attr-defined]
    tool.__annotations__ = {"ctx": Context, "return": result_model}
    server.add_tool(
        tool,
        name=name,
        title=title,
        description=description,
        annotations=annotations.model_copy(update={"title": title}),
        structured_output=True,
    )
