using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Tests.Support;

/// <summary>A logger provider that keeps every entry (level, text, exception) for a test to read.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Text, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
