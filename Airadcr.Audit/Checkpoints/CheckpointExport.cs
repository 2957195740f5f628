using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airadcr.Audit.Checkpoints;

/// <summary>
/// The exported checkpoint head: one JSON line per checkpoint, appended to <c>Audit:CheckpointExportPath</c> (put it
/// on another volume, or make it append-only with <c>chattr +a</c>: the service only ever opens it to append, and
/// flushes each line to disk before it counts the checkpoint as exported). The verifier reads it back.
/// </summary>
public sealed class CheckpointExport(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock _gate = new();

    public string Path { get; } = path;

    /// <summary>Appends one line for <paramref name="checkpoint"/> and fsyncs it.</summary>
    public void Append(AuditCheckpoint checkpoint)
    {
        var line = ToLine(checkpoint) + "\n";
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The checkpoint as the line written to the export file.</summary>
    public static string ToLine(AuditCheckpoint checkpoint) => JsonSerializer.Serialize(new Line(
        checkpoint.Service, checkpoint.Seq, checkpoint.Hash, checkpoint.Time, checkpoint.KeyId, checkpoint.Signature), Json);

    /// <summary>Every checkpoint in the file (none when it does not exist); a line that is not one is returned as an error.</summary>
    public (IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<int> BadLines) Read()
    {
        var checkpoints = new List<AuditCheckpoint>();
        var bad = new List<int>();
        if (!File.Exists(Path))
        {
            return (checkpoints, bad);
        }
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                var line = JsonSerializer.Deserialize<Line>(text, Json);
                if (line is { Service: not null, Hash: not null, KeyId: not null, Signature: not null })
                {
                    checkpoints.Add(new AuditCheckpoint(line.Seq, line.Hash, line.Time, line.Service, line.KeyId, line.Signature));
                    continue;
                }
            }
            catch (JsonException)
            {
            }
            bad.Add(number);
        }
        return (checkpoints, bad);
    }

    private sealed record Line(string? Service, long Seq, string? Hash, DateTimeOffset Time, string? KeyId, string? Signature);
}
