"""Generated SDKs for every spec in openapi/: a Python client (openapi-python-client), built
into a wheel and installed into a private site dir, and TypeScript types (openapi-typescript),
type-checked with tsc against contract_tests/sdk/usage/<api>.ts (those of the APIs generated).

Shared by scripts/sdk (the CLI) and contract_tests/sdk (the end-to-end tests). Each API is
generated from a transformed COPY of its spec (the spec itself is never edited for a
generator; see `transform`), and is cached under OUT/stamps by a hash of that copy, the
generator versions and this file, so a second run in the same CI job costs little.
"""

from __future__ import annotations

import base64
import concurrent.futures
import copy
import dataclasses
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from importlib import metadata
from pathlib import Path

import yaml
from openapi_python_client.strings import pascal_case

from core.config import SPECS
from core.paths import METHODS
from scripts._node import NodeToolingMissing, ensure_node_modules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "sdk"
TS_PROJECT = ROOT / "contract_tests" / "sdk" / "tsconfig.json"
USAGE = TS_PROJECT.parent / "usage"  # one file per API: what a typed client of it writes
NODE_BIN = ROOT / "node_modules" / ".bin"
VENV_BIN = Path(sys.executable).parent  # the generator's post-hooks run ruff from here
# openapi-python-client reads these response bodies; any other binary type is skipped.
READABLE_BINARY = "application/octet-stream"
WARNINGS_START = "Warning(s) encountered while generating"
WARNINGS_END = "If you believe this was a mistake"


class SdkError(RuntimeError):
    """A generator or tool failed, is missing, or left part of a spec out."""


@dataclasses.dataclass
class ApiSdk:
    name: str
    package: str  # the generated Python package, e.g. chitter_client
    transforms: list[str]
    warnings: list[str]  # what the Python generator reported skipping; empty when all is generated
    python_seconds: float
    typescript_seconds: float
    cached: bool


@dataclasses.dataclass
class Sdks:
    out: Path
    apis: list[ApiSdk]
    tsc_seconds: float
    tsc_cached: bool

    @property
    def site(self) -> Path:
        return self.out / "site"


def available_apis() -> list[str]:
    return sorted(path.stem for path in SPECS.glob("*.yaml"))


# --- transforms of the spec copy ---------------------------------------------------------


def transform(spec: dict) -> tuple[dict, list[str]]:
    """The copy the Python generator reads, and a line per change saying what and why."""
    spec, notes = copy.deepcopy(spec), []
    for path, schema in _object_schemas(spec):
        notes += _distinguish_colliding_inline_models(path, schema)
    notes += _json_request_bodies_only(spec)
    notes += _colliding_enums_as_strings(spec)
    return spec, notes


def _enum_key(value) -> str:
    """The member name openapi-python-client 0.29 gives an enum value (letters and digits,
    upper-cased)."""
    return re.sub(r"[^A-Z0-9]", "", str(value).upper()) or "VALUE"


def _string_enums(node, path="#"):
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list) and node.get("type") == "string":
            yield path, node
        for key, value in node.items():
            yield from _string_enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_enums(value, f"{path}/{index}")


def _colliding_enums_as_strings(spec: dict) -> list[str]:
    """The generator refuses an enum two of whose values make the same member name
    (Peerly's time zones: GMT0, GMT-0 and GMT+0): such an enum is a plain string in the
    Python client (the server still checks it; the TypeScript types keep the union)."""
    notes = []
    for path, schema in _string_enums(spec):
        keys = [_enum_key(value) for value in schema["enum"]]
        if len(set(keys)) < len(keys):
            del schema["enum"]
            notes.append(f"{path}: enum as a plain string, as its values collide as member names")
    return notes


def _json_request_bodies_only(spec: dict) -> list[str]:
    """openapi-python-client 0.29 breaks operations whose body has several media types (JSON
    and form, say): it makes the body optional, then names `Unset` without importing it (a
    NameError on import), and sends a form model as JSON and form at once. The Python client
    keeps the JSON encoding alone (or the first listed); the TypeScript types keep them all."""
    trimmed = []
    for operation_id, operation in _operations(spec):
        if "requestBody" not in operation:
            continue
        body = copy.deepcopy(_resolve(spec, operation["requestBody"]))
        content = body.get("content") or {}
        if len(content) > 1:
            kept = "application/json" if "application/json" in content else next(iter(content))
            body["content"] = {kept: content[kept]}
            operation["requestBody"] = body
            trimmed.append(operation_id)
    if not trimmed:
        return []
    return [f"request bodies of {', '.join(trimmed)}: one media type (JSON where offered), as the "
            "generator breaks operations with several (NameError on Unset, form sent as JSON too)"]


def _operations(spec: dict):
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in METHODS:
                yield operation.get("operationId", f"{method.upper()} {path}"), operation


def _object_schemas(node, path="#"):
    """Every (json pointer, schema) with `properties`, depth first, in document order."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield path, node
        for key, value in node.items():
            yield from _object_schemas(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _object_schemas(value, f"{path}/{index}")


def _distinguish_colliding_inline_models(path: str, schema: dict) -> list[str]:
    """openapi-python-client names an inline object property's model Parent + PascalCase(name),
    so `core_value` and `coreValue` both make `...CoreValue`: it then DROPS the whole parent
    schema (and every response using it). A `title` on the later ones gives them own names."""
    seen, notes = set(), []
    for name, prop in schema["properties"].items():
        if not isinstance(prop, dict) or "$ref" in prop or "properties" not in prop or "title" in prop:
            continue
        model = pascal_case(name)
        suffix = 2
        while model in seen:
            model = f"{pascal_case(name)}{suffix}"
            suffix += 1
        if model != pascal_case(name):
            prop["title"] = model
            notes.append(f"{path}/properties/{name}: title {model!r}, as its PascalCase name is taken by a sibling")
        seen.add(model)
    return notes


def generator_config(spec: dict) -> tuple[dict, list[str]]:
    """openapi-python-client settings for this spec: binary responses it does not know (image/png,
    say) are read as application/octet-stream, bytes, rather than the response being omitted."""
    binary = sorted({media for media, schema in _media_schemas(spec) if _is_binary(schema)} - {READABLE_BINARY})
    notes = [f"config: read {media} responses as {READABLE_BINARY} (bytes), else they are omitted" for media in binary]
    return {"content_type_overrides": {media: READABLE_BINARY for media in binary}}, notes


def _media_schemas(spec: dict):
    for _, operation in _operations(spec):
        for response in operation.get("responses", {}).values():
            for media, content in (_resolve(spec, response).get("content") or {}).items():
                yield media, _resolve(spec, content.get("schema") or {})


def _resolve(spec: dict, node: dict) -> dict:
    """A local `$ref` followed to what it points at (the generators take only local ones)."""
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _is_binary(schema: dict) -> bool:
    return schema.get("type") == "string" and schema.get("format") == "binary"


# --- generation --------------------------------------------------------------------------


def generate(out: Path | str = DEFAULT_OUT, apis: list[str] | None = None) -> Sdks:
    """Generates (or reuses) the SDKs of `apis` (default all) under `out`; tsc checks them all."""
    out, names = Path(out).resolve(), apis or available_apis()
    unknown = sorted(set(names) - set(available_apis()))
    if unknown:
        raise SdkError(f"no spec openapi/<name>.yaml for {', '.join(unknown)}; there are {', '.join(available_apis())}")
    node_tool("openapi-typescript")
    versions = _versions()
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(names)) as pool:
        built = list(pool.map(lambda name: _generate_api(out, name, versions), names))
    _install([wheel for _, wheel in built if wheel], out / "site")
    _import_every_module(out / "site", [api.package for api, wheel in built if wheel])
    for api, _ in built:  # stamped only once installed, so an interrupted run redoes them
        record = dataclasses.asdict(api) | {"key": _api_key(out, api.name, versions)}
        _stamp(out, api.name).write_text(json.dumps(record))
    tsc_seconds, tsc_cached = _type_check(out, versions, names)
    return Sdks(out, [api for api, _ in built], tsc_seconds, tsc_cached)


def node_tool(name: str) -> Path:
    """A tool from node_modules/.bin, or a clear failure saying how to get it."""
    try:
        ensure_node_modules()
    except NodeToolingMissing as error:
        raise SdkError(str(error)) from error
    tool = NODE_BIN / name
    if not tool.exists():
        raise SdkError(f"{tool.relative_to(ROOT)} is missing: run `npm ci` in the repository root")
    return tool


def _versions() -> str:
    node_package = lambda name: json.loads((ROOT / "node_modules" / name / "package.json").read_text())["version"]  # noqa: E731
    return json.dumps({
        "openapi-python-client": metadata.version("openapi-python-client"),
        "openapi-typescript": node_package("openapi-typescript"),
        "typescript": node_package("typescript"),
        "generator": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    })


def _stamp(out: Path, name: str) -> Path:
    (out / "stamps").mkdir(parents=True, exist_ok=True)
    return out / "stamps" / f"{name}.json"


def _api_key(out: Path, name: str, versions: str) -> str:
    return hashlib.sha256((versions + (out / "specs" / f"{name}.json").read_text()).encode()).hexdigest()


def _generate_api(out: Path, name: str, versions: str) -> tuple[ApiSdk, Path | None]:
    """The API's SDKs and its new wheel (None when the cached ones are still current)."""
    spec, notes = transform(yaml.safe_load((SPECS / f"{name}.yaml").read_text()))
    config, config_notes = generator_config(spec)
    spec_copy = out / "specs" / f"{name}.json"
    spec_copy.parent.mkdir(parents=True, exist_ok=True)
    spec_copy.write_text(json.dumps(spec, indent=1))
    (out / "specs" / f"{name}.config.json").write_text(json.dumps(config))
    key = _api_key(out, name, versions)
    stamp = _stamp(out, name)
    if stamp.exists() and json.loads(stamp.read_text()).get("key") == key:
        kept = json.loads(stamp.read_text())
        kept.pop("key")
        if (out / "site" / kept["package"]).is_dir() and (out / "typescript" / f"{name}.ts").exists():
            return ApiSdk(**(kept | {"cached": True})), None
    stamp.unlink(missing_ok=True)
    started = time.monotonic()
    package, warnings = _python_client(out, name, spec)
    wheel = _build_wheel(out / "python" / name, package, f"0+{key[:12]}", out / "wheels")
    python_seconds = time.monotonic() - started
    started = time.monotonic()
    _typescript_types(out, name)
    api = ApiSdk(name, package, notes + config_notes, warnings, python_seconds, time.monotonic() - started, False)
    return api, wheel


def _python_client(out: Path, name: str, spec: dict) -> tuple[str, list[str]]:
    """Generates the client; answers its package name and what the generator skipped."""
    target = out / "python" / name
    command = [
        VENV_BIN / "openapi-python-client", "generate", "--overwrite", "--meta", "setup",
        "--path", out / "specs" / f"{name}.json", "--output-path", target,
        "--config", out / "specs" / f"{name}.config.json",
    ]  # fmt: skip
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    output = done.stdout + done.stderr
    if done.returncode != 0 or not target.is_dir():
        raise SdkError(f"openapi-python-client failed on openapi/{name}.yaml:\n{output}")
    package = next(path.parent.name for path in sorted(target.glob("*/client.py")))
    return package, _generator_warnings(output) + _missing_operations(spec, target / package)


def _generator_warnings(output: str) -> list[str]:
    """The generator's warning paragraphs (it still exits 0 when it leaves things out)."""
    if WARNINGS_START not in output:
        return []
    body = output.split(WARNINGS_START, 1)[1].split("\n", 1)[-1].split(WARNINGS_END, 1)[0]
    return [re.sub(r"\s+", " ", part).strip() for part in re.split(r"\n\s*\n", body) if part.strip()]


def _missing_operations(spec: dict, package: Path) -> list[str]:
    """An operation the generator leaves out without a word is a failure too: count them."""
    wanted = sum(1 for _ in _operations(spec))
    made = sum(1 for module in (package / "api").rglob("*.py") if module.name != "__init__.py")
    return [] if made == wanted else [f"the spec has {wanted} operations, the Python client {made}"]


def _build_wheel(project: Path, package: str, version: str, dist: Path) -> Path:
    """A pure-Python wheel of the generated package, zipped here: pip then installs it without
    a build step (building setup.py in an isolated environment takes ~15 s a client)."""
    files = {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted((project / package).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    info = f"{package}-{version}.dist-info"
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n".encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [f"{name},{_record_hash(data)},{len(data)}" for name, data in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = "\n".join(record).encode() + b"\n"
    dist.mkdir(parents=True, exist_ok=True)
    wheel = dist / f"{package}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return wheel


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _install(wheels: list[Path], site: Path) -> None:
    """Into a site dir of its own (never .venv); the clients' dependencies are in .venv already."""
    if not wheels:
        return
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--no-deps", "--no-index", "--upgrade", "--target", site, *wheels]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SdkError(f"pip install of the generated clients failed:\n{done.stdout}{done.stderr}")


IMPORT_ALL = """
import importlib, pkgutil, sys
for name in sys.argv[1:]:
    for module in pkgutil.walk_packages(importlib.import_module(name).__path__, f"{name}."):
        importlib.import_module(module.name)
"""


def _import_every_module(site: Path, packages: list[str]) -> None:
    """Generated code that does not import (a template bug, as with Unset) fails here, not in a test."""
    if not packages:
        return
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL, *packages], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SdkError(f"a generated Python client does not import:\n{done.stderr}")


def _typescript_types(out: Path, name: str) -> None:
    target = out / "typescript" / f"{name}.ts"
    target.parent.mkdir(parents=True, exist_ok=True)
    # From the spec itself: openapi-typescript needs none of the Python generator's transforms.
    command = [node_tool("openapi-typescript"), SPECS / f"{name}.yaml", "--output", target]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SdkError(f"openapi-typescript failed on openapi/{name}.yaml:\n{done.stdout}{done.stderr}")


def _type_check(out: Path, versions: str, names: list[str]) -> tuple[float, bool]:
    """tsc --noEmit over contract_tests/sdk/usage/<api>.ts of `names` only, with `@sdk/<api>`
    pointing into `out` (a subset's check imports no API it did not generate)."""
    tsconfig = out / "tsconfig.json"
    paths = {"@sdk/*": ["./typescript/*"]}
    files = [str(USAGE / f"{name}.ts") for name in sorted(names) if (USAGE / f"{name}.ts").exists()]
    config = {"extends": str(TS_PROJECT), "compilerOptions": {"paths": paths}, "files": files, "include": []}
    tsconfig.write_text(json.dumps(config))
    sources = [*(out / "typescript" / f"{name}.ts" for name in sorted(names)), TS_PROJECT, *map(Path, files)]
    key = hashlib.sha256(versions.encode() + b"".join(path.read_bytes() for path in sources if path.is_file()))
    key = key.hexdigest()
    stamp = _stamp(out, "tsc")
    if stamp.exists() and stamp.read_text() == key:
        return 0.0, True
    stamp.unlink(missing_ok=True)
    started = time.monotonic()
    done = run_tsc(out)
    if done.returncode != 0:
        raise SdkError(f"tsc found type errors in {TS_PROJECT.parent.relative_to(ROOT)}:\n{done.stdout}{done.stderr}")
    stamp.write_text(key)
    return time.monotonic() - started, False


def run_tsc(out: Path) -> subprocess.CompletedProcess:
    """tsc --noEmit on the usage files `out`'s tsconfig lists, against its types (uncached)."""
    return subprocess.run([node_tool("tsc"), "--noEmit", "-p", out / "tsconfig.json"], capture_output=True, text=True)
