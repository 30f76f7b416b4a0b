"""Type stubs of the native module (checked against it by the test suite)."""

from typing_extensions import final
import datetime
import os
from typing import Any, Dict, List, Literal, Optional, Sequence, SupportsFloat, SupportsIndex, Tuple, Union

def stage(rating: int) -> str: ...
def distance(first: int, latest: int) -> Dict[str, Any]: ...
def reading_from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]: ...
