using System.Text;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// Echoes each resource's log file (written by the process itself, <c>logs/{name}.log</c>) to the console, every line
/// prefixed with the resource's name. Starts at the file's current end: earlier runs are not replayed.
/// </summary>
internal sealed class LogEcho(TextWriter console) : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _followers = [];
    private readonly Lock _console = new();
    private int _width = 12;

    public void Follow(string name, string logPath)
    {
        var start = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
        _width = Math.Max(_width, name.Length);
        lock (_followers)
        {
            _followers.Add(Task.Run(() => FollowAsync(name, logPath, start, _stop.Token)));
        }
    }

    private async Task FollowAsync(string name, string logPath, long position, CancellationToken cancellationToken)
    {
        var pending = new StringBuilder();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var stream = new FileStream(logPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < position)
                {
                    position = 0;
                }
                stream.Position = position;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                pending.Append(await reader.ReadToEndAsync(cancellationToken));
                position = stream.Length;
                Flush(name, pending);
                await Task.Delay(Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (IOException)
            {
                await Task.Delay(Poll, CancellationToken.None);
            }
        }
    }

    private void Flush(string name, StringBuilder pending)
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return;
        }
        var prefix = name.PadRight(_width) + " | ";
        lock (_console)
        {
            foreach (var line in text[..end].Split('\n'))
            {
                console.WriteLine(prefix + line.TrimEnd('\r'));
            }
        }
        pending.Remove(0, end + 1);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        Task[] followers;
        lock (_followers)
        {
            followers = [.. _followers];
        }
        await Task.WhenAll(followers);
        _stop.Dispose();
    }
}
