"""Type stubs of the native module (checked against it by the test suite)."""

from typing_extensions import final
import datetime
import os
from typing import Any, Dict, List, Literal, Optional, Sequence, SupportsFloat, SupportsIndex, Tuple, Union

def from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]:
    """Validates a participant and returns it with its JSON keys."""
def to_json(doc: Union[str, Dict[str, Any]]) -> str:
    """Validates a participant and returns it as JSON text."""
def record_from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]:
    """Validates a participant record with its questionnaires and assessments (the cohort's shape)."""
