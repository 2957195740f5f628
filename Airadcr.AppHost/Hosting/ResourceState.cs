namespace Airadcr.AppHost.Hosting;

/// <summary>Where a resource stands; shown in the resource table.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    /// <summary>Its server program is missing: the services use their embedded default instead.</summary>
    Fallback,
    /// <summary>The project is not in this checkout or not built.</summary>
    Absent,
    Failed,
    Exited,
    Stopped,
}
