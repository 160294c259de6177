package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.process.UserCache;

/**
 * Remembers across runs what the sandbox probe learned about this machine (whether bwrap works,
 * as whom, which options it has; where setsid/setpriv are and whether setpriv knows
 * --pdeathsig), because learning it costs a {@code bwrap --help}, a whole probe sandbox and a
 * {@code setpriv --help} on every one-shot {@code sprout submit}. An entry is trusted only while
 * its {@link #machineKey() key} is the same: every tool's path, size and modification time (a
 * package upgrade changes them), our uid, the kernel release and the sysctls that decide whether
 * user namespaces work. bwrap's version is recorded with the entry (for {@code sprout doctor} and
 * for people reading the file); asking for it on every run would cost the spawn this file saves.
 * A real sandbox that fails to start drops the entry ({@link Sandboxes#afterFailedStart}).
 */
final class ProbeCache {

    /** Bump when what is stored, or how the probe decides, changes. */
    static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TOOLS =
            List.of("bwrap", "sh", "setpriv", "unshare", "mount", "prlimit", "setsid", "true");
    private static final List<String> KERNEL_FILES = List.of(
            "/proc/sys/kernel/osrelease",
            "/proc/sys/kernel/unprivileged_userns_clone",
            "/proc/sys/user/max_user_namespaces",
            "/proc/sys/kernel/apparmor_restrict_unprivileged_userns");

    private final Optional<Path> file;

    ProbeCache(Optional<Path> file) {
        this.file = file;
    }

    /** {@code $XDG_CACHE_HOME/sprout/sandbox.json}, else {@code ~/.cache/sprout/sandbox.json} ({@link UserCache}). */
    static ProbeCache forUser(Map<String, String> environment) {
        return new ProbeCache(UserCache.file(environment, "sandbox.json"));
    }

    Optional<Path> file() {
        return file;
    }

    /** What identifies this machine's sandboxing abilities; any change means probe again. */
    static String machineKey() {
        List<String> parts = new ArrayList<>();
        parts.add("format=" + FORMAT);
        parts.add("os=" + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        parts.add("uid=" + HostTools.uid());
        for (String tool : TOOLS) {
            parts.add(
                    tool + "=" + HostTools.find(tool).map(ProbeCache::identity).orElse("-"));
        }
        for (String kernelFile : KERNEL_FILES) {
            parts.add(kernelFile + "=" + read(Path.of(kernelFile)));
        }
        return String.join("|", parts);
    }

    private static String identity(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return path + ":" + attributes.size() + ":"
                    + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return path + ":?";
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }

    /** The remembered facts, when they were learned on a machine with this key. */
    Optional<Sandboxes.Facts> get(String key) {
        Optional<JsonNode> entry = read().filter(n -> key.equals(n.path("key").asString("")));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(entry.get()));
        } catch (RuntimeException corrupt) {
            return Optional.empty();
        }
    }

    /** Best effort, atomically: a cache that cannot be written only costs the next run a probe. */
    void put(String key, Sandboxes.Facts facts, String bwrapVersion) {
        if (file.isEmpty()) {
            return;
        }
        ObjectNode entry = encode(facts);
        entry.put("key", key);
        entry.put("bwrap_version", bwrapVersion);
        try {
            UserCache.write(file.get(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entry));
        } catch (RuntimeException e) {
            // not written: the next run probes
        }
    }

    void drop() {
        file.ifPresent(UserCache::delete);
    }

    /** Only a file that this user alone could have written ({@link UserCache#read}). */
    private Optional<JsonNode> read() {
        try {
            return file.flatMap(UserCache::read).map(JSON::readTree).filter(JsonNode::isObject);
        } catch (RuntimeException corrupt) {
            return Optional.empty();
        }
    }

    private static ObjectNode encode(Sandboxes.Facts facts) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode bwrap = root.putObject("bwrap");
        BwrapProbe.Result result = facts.bwrap();
        result.sandbox().ifPresent(sandbox -> {
            BwrapSandbox.Tools tools = sandbox.tools();
            bwrap.put("identity", sandbox.identity().name());
            bwrap.put("bwrap", tools.bwrap().toString());
            bwrap.put("sh", tools.sh().toString());
            tools.setpriv().ifPresent(p -> bwrap.put("setpriv", p.toString()));
            tools.unshare().ifPresent(p -> bwrap.put("unshare", p.toString()));
            tools.mount().ifPresent(p -> bwrap.put("mount", p.toString()));
            tools.prlimit().ifPresent(p -> bwrap.put("prlimit", p.toString()));
            bwrap.put("size_option", tools.sizeOption());
            bwrap.put("disable_userns_option", tools.disableUsernsOption());
        });
        bwrap.put("reason", result.reason());
        result.stderr().ifPresent(e -> bwrap.put("stderr", e));
        ArrayNode advice = bwrap.putArray("advice");
        result.advice().forEach(advice::add);
        facts.launcher().ifPresent(tools -> {
            ObjectNode launcher = root.putObject("launcher");
            launcher.put("setsid", tools.setsid().toString());
            tools.setpriv().ifPresent(p -> launcher.put("setpriv", p.toString()));
            launcher.put("setpriv_pdeathsig", tools.setprivPdeathsig());
            tools.prlimit().ifPresent(p -> launcher.put("prlimit", p.toString()));
        });
        return root;
    }

    private static Sandboxes.Facts decode(JsonNode root) {
        JsonNode bwrap = root.path("bwrap");
        Optional<BwrapSandbox> sandbox = Optional.empty();
        if (bwrap.has("identity")) {
            BwrapSandbox.Tools tools = new BwrapSandbox.Tools(
                    required(bwrap, "bwrap"),
                    required(bwrap, "sh"),
                    optional(bwrap, "setpriv"),
                    optional(bwrap, "unshare"),
                    optional(bwrap, "mount"),
                    optional(bwrap, "prlimit"),
                    bwrap.path("size_option").asBoolean(),
                    bwrap.path("disable_userns_option").asBoolean());
            BwrapSandbox.Identity identity =
                    BwrapSandbox.Identity.valueOf(bwrap.path("identity").asString());
            // the probe tries CALLER only when not root, the others only as root, NOBODY only with setpriv
            boolean asRoot = HostTools.isRoot();
            if ((identity == BwrapSandbox.Identity.CALLER) == asRoot
                    || (identity == BwrapSandbox.Identity.NOBODY
                            && tools.setpriv().isEmpty())) {
                throw new IllegalArgumentException("identity " + identity + " was never probed for this user");
            }
            sandbox = Optional.of(new BwrapSandbox(tools, identity));
        }
        List<String> advice = new ArrayList<>();
        bwrap.path("advice").forEach(a -> advice.add(a.asString()));
        BwrapProbe.Result result = new BwrapProbe.Result(
                sandbox,
                bwrap.path("reason").asString(),
                Optional.ofNullable(bwrap.get("stderr")).map(JsonNode::asString),
                List.copyOf(advice));
        Optional<LauncherSandbox.Tools> launcher = Optional.empty();
        JsonNode node = root.path("launcher");
        if (node.isObject()) {
            launcher = Optional.of(new LauncherSandbox.Tools(
                    required(node, "setsid"),
                    optional(node, "setpriv"),
                    node.path("setpriv_pdeathsig").asBoolean(),
                    optional(node, "prlimit")));
        }
        return new Sandboxes.Facts(result, launcher, true);
    }

    /**
     * A tool the entry names, which must be the one {@link HostTools#find} finds now: the key
     * already says that tool is unchanged, so any other path is not what the probe stored.
     */
    private static Path required(JsonNode node, String tool) {
        return optional(node, tool)
                .orElseThrow(() -> new IllegalArgumentException("no " + tool + " in the cached entry"));
    }

    private static Optional<Path> optional(JsonNode node, String tool) {
        Optional<Path> named =
                Optional.ofNullable(node.get(tool)).map(JsonNode::asString).map(Path::of);
        if (named.isPresent() && !named.equals(HostTools.find(tool))) {
            throw new IllegalArgumentException("the cached " + tool + " is not the one on this machine");
        }
        return named;
    }
}
