"""The wire layer of every LLM call: structured and text answers from any OpenAI-compatible server.

    from planexec.nodes.llmio import ask_structured, ask_text, LLMReply, AnswerRejected, Purpose

Requests are streamed (a timeout closes the connection), carry max_tokens for their purpose, step down
structured forms on a refusing server (remembered per endpoint), and count every request's tokens.
"""

from planexec.nodes.llmio.endpoints import capabilities, forget
from planexec.nodes.llmio.errors import AnswerRejected, describe_failure
from planexec.nodes.llmio.forms import content_text
from planexec.nodes.llmio.limits import max_tokens_for, timeout_for
from planexec.nodes.llmio.reply import LLMReply
from planexec.nodes.llmio.structured import ask_structured
from planexec.nodes.llmio.text import ask_text
from planexec.schemas.llm import LLMCapabilities, Purpose, StructuredMode

__all__ = [
    "AnswerRejected",
    "LLMCapabilities",
    "LLMReply",
    "Purpose",
    "StructuredMode",
    "ask_structured",
    "ask_text",
    "capabilities",
    "content_text",
    "describe_failure",
    "forget",
    "max_tokens_for",
    "timeout_for",
]
