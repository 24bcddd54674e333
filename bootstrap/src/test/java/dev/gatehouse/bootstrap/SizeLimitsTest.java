package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The size limits of docs/architecture.md, so that no feature grows the spine back into god classes: no main source
 * file over {@value #MAX_LINES} lines, no package of the application or the HTTP adapter with more than
 * {@value #MAX_CLASSES_PER_PACKAGE} classes, no constructor with more than {@value #MAX_CONSTRUCTOR_PARAMETERS}
 * parameters (records, which are values and not wiring, and jOOQ's generated tables are exempt). A limit that is reached is a prompt to split by feature, not to raise the number.
 */
class SizeLimitsTest {
    static final int MAX_LINES = 350;
    static final int MAX_CLASSES_PER_PACKAGE = 15;
    static final int MAX_CONSTRUCTOR_PARAMETERS = 10;

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.gatehouse");
    }

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                    .flatMap(SizeLimitsTest::javaFiles).toList();
        }
        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(100);
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path source : sources) {
            long lines;
            try (Stream<String> all = Files.lines(source)) {
                lines = all.count();
            }
            if (lines > MAX_LINES) {
                tooLong.put(root.relativize(source).toString(), lines);
            }
        }
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noApplicationOrHttpPackageHoldsMoreThanTheLimit() {
        Map<String, Long> classesByPackage = production.stream()
                .filter(c -> c.getPackageName().startsWith("dev.gatehouse.application")
                        || c.getPackageName().startsWith("dev.gatehouse.adapters.http"))
                .filter(c -> c.isTopLevelClass())
                .collect(Collectors.groupingBy(JavaClass::getPackageName, TreeMap::new, Collectors.counting()));
        assertThat(classesByPackage).as("packages found").hasSizeGreaterThan(10);
        assertThat(classesByPackage).as("packages with more than %d classes", MAX_CLASSES_PER_PACKAGE)
                .allSatisfy((pkg, count) -> assertThat(count).as(pkg).isLessThanOrEqualTo(MAX_CLASSES_PER_PACKAGE));
    }

    @Test
    void noConstructorTakesMoreThanTheLimit() {
        List<String> wide = production.stream()
                .filter(c -> !c.getPackageName().contains(".jooq.tables"))
                .filter(c -> c.getRawSuperclass().map(s -> !s.isEquivalentTo(Record.class)).orElse(true))
                .flatMap(c -> c.getConstructors().stream())
                .filter(constructor -> constructor.getRawParameterTypes().size() > MAX_CONSTRUCTOR_PARAMETERS)
                .map(JavaConstructor::getFullName).sorted().toList();
        assertThat(production.size()).as("classes imported").isGreaterThan(100);
        assertThat(wide).as("constructors with more than %d parameters", MAX_CONSTRUCTOR_PARAMETERS).isEmpty();
    }
}
