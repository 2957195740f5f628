using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Airadcr.Dicom.Network.Tests;

/// <summary>Keeps every log entry (event id, level, message) for assertions.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Message)> Entries => [.. _entries];

    public IReadOnlyList<string> MessagesOf(int eventId) => [.. _entries.Where(e => e.Id.Id == eventId).Select(e => e.Message)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId, logLevel, formatter(state, exception)));
}
