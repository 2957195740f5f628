using Airadcr.DicomGateway.Configuration;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// The research space's keys and folder. <see cref="Available"/> is false in server mode without a configured data key
/// (<see cref="ResearchKeys"/>): the research API then answers 503 and the runner waits.
/// </summary>
public sealed class ResearchAccess
{
    private readonly ResearchSealer? _sealer;

    public ResearchAccess(ResearchKeys? keys, GatewayPaths paths)
    {
        Keys = keys;
        _sealer = keys is null ? null : new ResearchSealer(keys);
        Root = Path.Combine(paths.StorageRoot, "research");
    }

    public bool Available => _sealer is not null;

    /// <summary>The gateway's data keys (null in server mode without a configured key); the archives' credentials derive theirs too.</summary>
    public ResearchKeys? Keys { get; }

    public ResearchSealer Sealer => _sealer
        ?? throw new InvalidOperationException("The research space needs Gateway:Research:DataKey or AIRADCR_DATA_KEY in server mode.");

    /// <summary><c>{StoragePath}/research</c>: one folder per project (not a UID, so the start-up recovery never reads it).</summary>
    public string Root { get; }

    public string ProjectFolder(string projectId) => Path.Combine(Root, projectId);

    /// <summary>Temporary files of a project's runs and exports, renamed into place when complete.</summary>
    public string IncomingFolder(string projectId) => Path.Combine(Root, projectId, ".incoming");

    public string ExportFolder(string projectId) => Path.Combine(Root, projectId, "exports");

    /// <summary>Deletes a project's folder (research copies, exports, temporary files), if any.</summary>
    public void DeleteProjectFolder(string projectId)
    {
        var folder = ProjectFolder(projectId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Where a project's file lives, from its path relative to the project folder (as stored).</summary>
    public string FullPath(string projectId, string relativePath) => Path.Combine(Root, projectId, relativePath);
}
