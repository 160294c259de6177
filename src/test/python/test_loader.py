import builtins
import os
import subprocess
import sys
import unittest

import harness_loader
from harness_loader import boot, module


class PrivateLoadingTest(unittest.TestCase):

    def test_modules_are_never_in_sys_modules(self):
        module("session")  # loads most of the package
        leaked = [name for name in sys.modules if name.startswith("sprout_harness") or name == "harness"]
        self.assertEqual(leaked, [])

    def test_relative_imports_resolve_to_the_private_modules(self):
        self.assertIs(module("session").RequestLoop, module("loop").RequestLoop)
        self.assertEqual(module("wire").__name__, "sprout_harness.wire")

    def test_builtins_import_is_restored_after_loading(self):
        module("api")
        # the loader's own importer is a Python function; the interpreter's is built in
        self.assertEqual(type(builtins.__import__).__name__, "builtin_function_or_method")

    def test_every_module_is_listed_for_the_jvm(self):
        folder = os.path.join(harness_loader.RUNNER, "harness")
        with open(os.path.join(folder, "modules.txt")) as f:
            listed = sorted(line.strip() for line in f if line.strip())
        self.assertEqual(listed, sorted(boot()["compile_package"](folder)))

    def test_a_bundle_loads_the_same_modules(self):
        folder = os.path.join(harness_loader.RUNNER, "harness")
        bundle = ""
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name)) as f:
                    bundle += "\0" + name[:-3] + "\n" + f.read()
        api = boot()["load_bundle"](bundle)("api")
        self.assertTrue(callable(api.prepare_case))
        self.assertIsNot(api, module("api"))  # a bundle gets modules of its own

    def test_case_contexts_code_is_what_api_loads_and_survives_marshal(self):
        # as the GraalPy worker does (control.py's harness_api, case_boot.py's _load_harness):
        # compile once, keep the modules api loaded, marshal them for every case context
        import marshal
        folder = os.path.join(harness_loader.RUNNER, "harness")
        with open(os.path.join(harness_loader.RUNNER, "harness.py")) as f:
            bundle = "\0harness\n" + f.read()
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name)) as f:
                    bundle += "\0" + name[:-3] + "\n" + f.read()
        codes = boot()["compile_bundle"](bundle)
        load = boot()["_loader"](codes)
        load("api")
        needed = dict((name, codes[name]) for name in load.modules)
        needed["harness"] = codes["harness"]
        self.assertNotIn("__main__", needed)  # the CPython harness's start: no case context needs it
        again = marshal.loads(marshal.dumps(needed).decode("latin-1").encode("latin-1"))
        case_boot = {"__name__": "sprout_harness_boot"}
        exec(again["harness"], case_boot)
        api = case_boot["_loader"](again)("api")
        self.assertTrue(callable(api.prepare_case) and callable(api.run_case))
        self.assertEqual(api.__file__, "sprout_harness/api.py")

    def test_relative_imports_are_at_module_level_only(self):
        # the loader answers them only while a module loads, and a case context gets only the
        # modules api loaded then: an import inside a function would fail at run time
        import ast
        folder = os.path.join(harness_loader.RUNNER, "harness")
        late = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name)) as f:
                    tree = ast.parse(f.read())
                top = set(id(node) for node in tree.body)
                late.extend("%s:%d" % (name, node.lineno) for node in ast.walk(tree)
                            if isinstance(node, ast.ImportFrom) and node.level and id(node) not in top)
        self.assertEqual(late, [])

    def test_learner_code_in_a_case_cannot_import_or_find_the_harness(self):
        probe = ("import sys, importlib\n"
                 "def probe():\n"
                 "    found = [m for m in sys.modules if 'harness' in m or 'sprout' in m]\n"
                 "    for name in ('harness', 'sprout_harness', 'sprout_harness.wire', 'wire'):\n"
                 "        try:\n"
                 "            importlib.import_module(name)\n"
                 "            found.append('imported ' + name)\n"
                 "        except ImportError:\n"
                 "            pass\n"
                 "    return found\n")
        import tempfile
        import shutil
        work = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, work)
        os.mkdir(os.path.join(work, "src"))
        os.mkdir(os.path.join(work, "scratch"))
        with open(os.path.join(work, "src", "probe.py"), "w") as f:
            f.write(probe)
        requests = ('{"op":"hello"}\n{"op":"load","entry":"probe.py"}\n'
                    '{"op":"case","id":"c1","kind":"call","function":"probe","args":[]}\n')
        out = subprocess.run([sys.executable, "-I", "-B", "-S", os.path.join(harness_loader.RUNNER, "harness.py"),
                              os.path.join(work, "src"), os.path.join(work, "scratch")],
                             input=requests.encode(), stdout=subprocess.PIPE, timeout=60).stdout.decode()
        result = out.splitlines()[-1]
        self.assertIn('"status":"returned"', result)
        self.assertIn('"value":{"t":"list","v":[]}', result)


if __name__ == "__main__":
    unittest.main()
