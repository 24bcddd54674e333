package dev.gatehouse.bootstrap.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The server's Logback set-up, in code (no XML to parse at start-up): text by default ({@link LogbackDefaults}, for
 * every command), switched to JSON by {@code serve} when {@code GATEHOUSE_LOG_FORMAT} says so
 * (docs/operations.md, "Logs").
 *
 * <p>JSON: one object per line on standard output with {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message} (formatted, arguments in place), a {@code stackTrace} when there is one, and the
 * request's context where there is one: {@code requestId}, {@code tenantId}, {@code route} (from the MDC the HTTP
 * adapter fills) and, on the dev-mode request line, {@code status} and {@code durationMs}.
 */
public final class Logging {
    /**
     * The lines written for people and for the harnesses that wait for them: {@code Gatehouse ready on port N ...},
     * {@code Gatehouse management on port N}, the dev-mode hint. Bare on standard output in the text format; in
     * JSON, events like any other (the text in {@code message}).
     */
    public static final String CONSOLE = "dev.gatehouse.bootstrap.Console";
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] [%level] %logger{0} - %msg%n";
    static final String TIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    /** Libraries that say too much at INFO (banners, pool and migration chatter): their warnings only. */
    private static final Map<String, Level> QUIETER = Map.of("org.eclipse.jetty", Level.WARN,
            "com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN, "org.jooq", Level.WARN, "io.javalin", Level.WARN);

    private static volatile LogFormat active = LogFormat.TEXT;

    private Logging() {
    }

    /** Switches the running server's log to {@code format}; a no-op under another SLF4J backend (other tests). */
    public static void use(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            configure(context, format);
        }
    }

    /** The format in use: a failure that ends {@code serve} is reported in it. */
    public static LogFormat active() {
        return active;
    }

    static void configure(LoggerContext context, LogFormat format) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger console = context.getLogger(CONSOLE);
        root.detachAndStopAllAppenders();
        console.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        if (format == LogFormat.JSON) {
            root.addAppender(appender(context, "json", "System.out", json(context)));
            console.setAdditive(true);
        } else {
            root.addAppender(appender(context, "text", "System.err", pattern(context, TEXT_PATTERN)));
            console.addAppender(appender(context, "console", "System.out", pattern(context, "%msg%n")));
            console.setAdditive(false);
        }
        active = format;
    }

    private static ConsoleAppender<ILoggingEvent> appender(LoggerContext context, String name, String target,
                                                           Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static Encoder<ILoggingEvent> pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        LogstashFieldNames names = new LogstashFieldNames();
        names.setTimestamp("time");
        names.setLogger("logger");
        names.setThread("thread");
        names.setStackTrace("stackTrace");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        encoder.setFieldNames(names);
        encoder.setTimestampPattern(TIME_PATTERN);
        encoder.setIncludeContext(false);
        encoder.start();
        return encoder;
    }
}
