"""Executes a notebook headless (nbclient) and fails if any cell errors."""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3").execute(cwd=str(path.parent))
cells = sum(1 for c in nb.cells if c.cell_type == "code")
print(f"{path}: {cells} code cells ran without error")
