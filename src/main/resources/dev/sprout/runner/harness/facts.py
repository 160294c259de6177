"""Source facts for source rules (the "facts" op): what a file calls, imports, uses and
defines, read with ast. Nothing runs.
"""



# ---- source facts -------------------------------------------------------------------------------

_CONSTRUCT_NODES = [("For", "for"), ("AsyncFor", "for"), ("While", "while"), ("If", "if"), ("IfExp", "if"),
               ("Try", "try"), ("TryStar", "try"), ("With", "with"), ("AsyncWith", "with"),
               ("FunctionDef", "def"), ("AsyncFunctionDef", "def"), ("ClassDef", "class"),
               ("Lambda", "lambda"), ("ListComp", "comprehension"), ("SetComp", "comprehension"),
               ("DictComp", "comprehension"), ("GeneratorExp", "comprehension"),
               ("Return", "return"), ("JoinedStr", "fstring"), ("Yield", "yield"),
               ("YieldFrom", "yield"), ("Raise", "raise"), ("Assert", "assert"),
               ("Global", "global"), ("Nonlocal", "nonlocal"), ("Break", "break"),
               ("Continue", "continue"), ("Match", "match"), ("Await", "await")]


def _call_name(func):
    import ast
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _facts(tree):
    import ast
    construct_of = dict((getattr(ast, n), name) for n, name in _CONSTRUCT_NODES if hasattr(ast, n))
    calls, imports, constructs, functions, classes, names = [], [], [], [], [], []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        kind = construct_of.get(type(node))
        if kind is not None:
            constructs.append({"name": kind, "line": line})
        if isinstance(node, ast.Call):
            name = _call_name(node.func)
            if name:
                calls.append({"name": name, "line": line})
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imports.append({"name": alias.name.split(".")[0], "module": alias.name, "line": line})
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            imports.append({"name": module.split(".")[0] if module else "." * node.level,
                            "module": "." * node.level + module, "line": line,
                            "names": [a.name for a in node.names]})
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append({"name": node.id, "line": line})
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append({"name": node.name, "line": node.lineno})
        elif isinstance(node, ast.ClassDef):
            classes.append({"name": node.name, "line": node.lineno})
    constructs.extend(_recursion(tree))
    for found in (calls, imports, constructs, names):
        found.sort(key=lambda c: c["line"] or 0)
    return {"calls": calls, "imports": imports, "constructs": constructs, "functions": functions,
            "classes": classes, "names": names}


def _recursion(tree):
    """Functions that call themselves by name (methods: through self.name / cls.name)."""
    import ast
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call):
                continue
            f = sub.func
            if (isinstance(f, ast.Name) and f.id == node.name) or \
                    (isinstance(f, ast.Attribute) and f.attr == node.name and isinstance(f.value, ast.Name)
                     and f.value.id in ("self", "cls")):
                found.append({"name": "recursion", "line": node.lineno, "function": node.name})
                break
    return found
