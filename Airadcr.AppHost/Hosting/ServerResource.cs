using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// A server from a Debian package (PostgreSQL, Redis, Orthanc). When its program is missing (searched in
/// <c>--server-path</c> when given, see <see cref="ToolLocator.FindServer"/>), the resource is on its
/// <see cref="EmbeddedDefault"/> with the package to install; with <c>--strict</c> the AppHost refuses to start.
/// </summary>
public abstract class ServerResource(string name) : Resource(name)
{
    /// <summary>What the services use instead when the program is missing, e.g. their SQLite databases.</summary>
    protected abstract string EmbeddedDefault { get; }

    /// <summary>The server program, or a <see cref="MissingToolException"/> naming its package.</summary>
    protected abstract string FindProgram(IReadOnlyList<string>? serverPath);

    /// <summary>Starts the server (its program is there) and returns once it answers.</summary>
    private protected abstract Task<ServerProcess> StartServerAsync(RunContext context, CancellationToken cancellationToken);

    /// <summary>Why it cannot start as a server, or null when its program is installed.</summary>
    internal MissingToolException? MissingProgram(AppHostOptions options)
    {
        try
        {
            FindProgram(options.ServerPath);
            return null;
        }
        catch (MissingToolException missing)
        {
            return missing;
        }
    }

    /// <summary>The line that names the package, as shown in the resource table and in <c>--strict</c>'s refusal.</summary>
    internal static string Describe(MissingToolException missing) =>
        $"{missing.Tool} missing (apt-get install -y --no-install-recommends {missing.AptPackage})";

    internal sealed override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (MissingProgram(context.Options) is { } missing)
        {
            if (context.Options.Strict)
            {
                throw new InvalidOperationException($"{Name}: {Describe(missing)}", missing);
            }
            SetState(ResourceState.Fallback, $"{Describe(missing)}: {EmbeddedDefault}");
            return;
        }
        Process = await StartServerAsync(context, cancellationToken);
        SetState(ResourceState.Running);
    }
}
