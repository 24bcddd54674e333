package dev.gatehouse.bootstrap.observability;

/**
 * How the server writes its log ({@code GATEHOUSE_LOG_FORMAT}; docs/operations.md, "Logs").
 * <ul>
 *   <li>{@link #TEXT}: one line per event on standard error (time, thread, level, logger, message), and the lines
 *       for people (the ready line, the management port) bare on standard output. The default in dev mode.</li>
 *   <li>{@link #JSON}: one JSON object per line on standard output for every line the server prints, the ready line
 *       included. The default in prod mode.</li>
 * </ul>
 */
public enum LogFormat {
    TEXT, JSON
}
