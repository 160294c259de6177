package dev.sprout.graalpy;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.graalvm.polyglot.io.FileSystem;

/**
 * What a GraalPy context may touch: read and write inside one folder (the case's own copy of
 * the learner's files), read-only below a few others (GraalPy's standard library), nothing
 * else. Paths are resolved (symlinks included) before they are checked. Writing a file past
 * {@code fileBytes} fails as "File too large", like RLIMIT_FSIZE in the CPython harness.
 */
final class CaseFileSystem implements FileSystem {

    private final FileSystem host = FileSystem.newDefaultFileSystem();
    private final List<Path> readable;
    private final List<Path> writable;
    private volatile long fileBytes = Long.MAX_VALUE;

    CaseFileSystem(List<Path> readable, List<Path> writable) {
        this.readable = readable.stream().map(CaseFileSystem::real).toList();
        this.writable = writable.stream().map(CaseFileSystem::real).toList();
    }

    /** Files written from now on may not grow past {@code bytes}. */
    void limitFileSize(long bytes) {
        fileBytes = bytes;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private Path check(Path path, boolean write) throws IOException {
        Path absolute = host.toAbsolutePath(path).normalize();
        Path resolved = absolute;
        try {
            resolved = absolute.toRealPath();
        } catch (IOException missing) {
            Path parent = absolute.getParent();
            if (parent != null) {
                try {
                    resolved = parent.toRealPath().resolve(absolute.getFileName());
                } catch (IOException parentMissing) {
                    // checked as written: a missing parent fails later with its own error
                }
            }
        }
        for (Path root : writable) {
            if (resolved.startsWith(root)) {
                return absolute;
            }
        }
        if (!write) {
            for (Path root : readable) {
                if (resolved.startsWith(root)) {
                    return absolute;
                }
            }
        }
        throw new AccessDeniedException(path.toString(), null, "sprout: outside the exercise folder");
    }

    @Override
    public Path parsePath(URI uri) {
        return host.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return host.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        host.checkAccess(check(path, modes.contains(AccessMode.WRITE)), modes, options);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        host.createDirectory(check(dir, true), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        host.delete(check(path, true));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        host.copy(check(source, false), check(target, true), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        host.move(check(source, true), check(target, true), options);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        SeekableByteChannel channel = host.newByteChannel(check(path, write), options, attrs);
        return write ? new Capped(channel, fileBytes) : channel;
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return host.newDirectoryStream(check(dir, false), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return host.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... options) throws IOException {
        return host.toRealPath(check(path, false), options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return host.readAttributes(check(path, false), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        host.setAttribute(check(path, true), attribute, value, options);
    }

    @Override
    public void setCurrentWorkingDirectory(Path dir) {
        host.setCurrentWorkingDirectory(dir);
    }

    /** A write channel that refuses to grow a file past the limit. */
    private static final class Capped implements SeekableByteChannel {
        private final SeekableByteChannel channel;
        private final long cap;

        Capped(SeekableByteChannel channel, long cap) {
            this.channel = channel;
            this.cap = cap;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (channel.position() + src.remaining() > cap) {
                throw new IOException("File too large");
            }
            return channel.write(src);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
