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
    own_calls = _own_calls(tree)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        kind = construct_of.get(type(node))
        if kind is not None:
            constructs.append({"name": kind, "line": line})
        if isinstance(node, ast.Call):
            name = _call_name(node.func)
            if name:
                resolved = own_calls.get(id(node), False)
                # method: written with a dot (xs.sort()); module: the dot follows an imported module
                calls.append({"name": name, "line": line, "method": isinstance(node.func, ast.Attribute),
                              "module": resolved == "module", "own": resolved is True})
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


# ---- which plain calls reach the learner's own definitions ---------------------------------------
# A call `f(...)` is "own" when the name f resolves, by Python's scoping rules, to something the
# file defines itself (a def, a class, an assignment, a parameter, a loop variable...) rather than
# to a built-in or an import. Lookup goes through the enclosing function scopes, then the module;
# class bodies do not enclose the functions inside them, as in Python.

def _scope_children(node):
    """The nodes of this scope's own body: nested defs, classes and lambdas are skipped (their
    names bind here, their bodies are scopes of their own); comprehension bodies stay in."""
    import ast
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    todo = list(ast.iter_child_nodes(node))
    while todo:
        child = todo.pop()
        yield child
        if isinstance(child, nested):
            # decorators, defaults and bases run in the enclosing scope
            if isinstance(child, ast.Lambda):
                todo.extend(child.args.defaults + [d for d in child.args.kw_defaults if d])
            else:
                todo.extend(child.decorator_list)
                if isinstance(child, ast.ClassDef):
                    todo.extend(child.bases + [k.value for k in child.keywords])
                else:
                    todo.extend(child.args.defaults + [d for d in child.args.kw_defaults if d])
            continue
        todo.extend(ast.iter_child_nodes(child))


def _bindings(scope):
    """Names bound in a scope: name -> "own" (defined here) or "import"."""
    import ast
    bound = {}
    declared_global = set()
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        a = scope.args
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
            if arg is not None:
                bound[arg.arg] = "own"
    for node in _scope_children(scope):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound[node.name] = "own"
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound[node.id] = "own"
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    bound[alias.asname or alias.name.split(".")[0]] = "import"
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared_global.update(node.names)
        elif hasattr(ast, "MatchAs") and isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound[node.name] = "own"
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound[node.name] = "own"
    for name in declared_global:
        bound.pop(name, None)
    return bound


def _own_calls(tree):
    """id(call node) -> True for plain calls whose name resolves to the file's own definition,
    "module" for module.function(...) calls on an imported module."""
    import ast
    own = {}

    def lookup(name, bound, chain):
        if name in bound:
            return bound[name]
        for outer in reversed(chain):
            if name in outer:
                return outer[name]
        return None

    def visit(scope, chain):
        bound = _bindings(scope)
        is_class = isinstance(scope, ast.ClassDef)
        for node in _scope_children(scope):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                own[id(node)] = lookup(node.func.id, bound, chain) == "own"
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name):
                # math.floor(x): a function of an imported module, not a method of a value
                if lookup(node.func.value.id, bound, chain) == "import":
                    own[id(node)] = "module"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                # a class body's names are not visible inside its methods
                visit(node, chain if is_class else chain + [bound])

    visit(tree, [])
    return own
