"""Site on demand: with -S the harness skips site (~2 ms of every start) and gives learner
code what site gives every program, and site-packages on the first import that needs them.
"""

import os
import sys


class _SiteOnDemand(object):
    """Last on sys.meta_path when the harness started without site (-S): the first top-level
    import that nothing else finds runs site.main(), which adds site-packages and runs their .pth
    files as a normal start-up would, and then looks again. Stdlib-only exercises never pay for
    site; one that imports an installed package pays once per case that does."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if path is not None:  # a submodule: its package was found, so site is in place
            return None
        import site
        wanted = [d for d in site.getsitepackages() if os.path.isdir(d)]
        if all(d in sys.path for d in wanted):
            return None  # site-packages are searched already: the module is simply not there
        site.main()
        import importlib.machinery
        return importlib.machinery.PathFinder.find_spec(name, sys.path)

    @classmethod
    def invalidate_caches(cls):
        pass


def _site_on_demand():
    """With -S (the JVM passes it when the exercise requires no installed package) Python
    skips site, ~2 ms of start-up. Learner code still gets what site gives every program: exit(),
    quit(), help(), copyright, credits, license, and site-packages when first needed."""
    if not sys.flags.no_site:
        return
    import site
    site.setquit()
    site.setcopyright()
    site.sethelper()
    sys.meta_path.append(_SiteOnDemand)
