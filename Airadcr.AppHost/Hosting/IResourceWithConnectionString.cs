namespace Airadcr.AppHost.Hosting;

/// <summary>A resource a project reaches through <c>ConnectionStrings__{name}</c> (Aspire's formats).</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Null when the resource is on its fallback or absent: the variable is then not set.</summary>
    string? ConnectionString { get; }
}

/// <summary>A resource a project reaches by service discovery: <c>services__{name}__http__0</c>.</summary>
public interface IResourceWithServiceDiscovery
{
    string Name { get; }

    Endpoint Http { get; }

    /// <summary>False when absent (not built) or failed: the variable is then not set.</summary>
    bool IsReachable { get; }
}
