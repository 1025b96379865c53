"""Register a FastMCP tool from its pinned args model (schemas/tools/*.py), declared once.

`add_model_tool` builds the tool function's signature from the model's fields (annotation,
constraints, description, default), so the advertised inputSchema is exactly the model's; the
call is validated into the model, its `schema_version` checked, and handed with the server's
lifespan state to the implementation `impl(args, state)`. A sync `impl` runs in a worker thread.
The injected `ctx: Context` parameter is dropped from the schema by FastMCP.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, cast

import anyio
from mcp.server.fastmcp import Context, FastMCP
from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from planexec.schemas.base import SCHEMA_VERSION, Contract

ArgsT = TypeVar("ArgsT", bound=Contract)
ResultT = TypeVar("ResultT", bound=BaseModel)
Impl = Callable[[ArgsT, Any], ResultT] | Callable[[ArgsT, Any], Awaitable[ResultT]]


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
    params += [_parameter(name, field) for name, field in args_model.model_fields.items()]
    return inspect.Signature(params, return_annotation=result_model)


def add_model_tool(
    server: FastMCP[Any],
    name: str,
    args_model: type[ArgsT],
    result_model: type[ResultT],
    impl: Impl[ArgsT, ResultT],
    description: str | None = None,
) -> None:
    """Register `impl(args, state)` as tool `name` taking `args_model` and returning `result_model`."""

    async def tool(ctx: Context, **kwargs: Any) -> Any:
        args = args_model.model_validate(kwargs)
        check_version(args.schema_version)
        state = ctx.request_context.lifespan_context
        if inspect.iscoroutinefunction(impl):
            return await impl(args, state)
        return await anyio.to_thread.run_sync(cast(Callable[[ArgsT, Any], ResultT], impl), args, state)

    tool.__name__ = getattr(impl, "__name__", name)
    tool.__doc__ = impl.__doc__
    tool.__signature__ = model_signature(args_model, result_model)  # type: ignore[attr-defined]
    tool.__annotations__ = {"ctx": Context, "return": result_model}
    server.add_tool(tool, name=name, description=description, structured_output=True)
