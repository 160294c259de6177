package dev.sprout.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/** JUnit XML written by the JUnit Platform's own reporting module, never by hand. */
public final class JUnitXml implements AutoCloseable {

    private final Path dir;
    private final LegacyXmlReportGeneratingListener listener;

    public JUnitXml() throws IOException {
        this.dir = Files.createTempDirectory("sprout-junit-");
        this.listener = new LegacyXmlReportGeneratingListener(dir, new PrintWriter(new StringWriter()));
    }

    /** Add to a grading run; the XML appears when the run ends. */
    public LegacyXmlReportGeneratingListener listener() {
        return listener;
    }

    /** The XML of the finished run. */
    public Optional<String> xml() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Optional<Path> file = files.filter(p -> p.getFileName().toString().endsWith(".xml")).findFirst();
            return file.isPresent() ? Optional.of(Files.readString(file.get())) : Optional.empty();
        }
    }

    @Override
    public void close() {
        FileUtils.deleteQuietly(dir.toFile());
    }
}
