namespace Airadcr.DicomGateway.Configuration;

/// <summary>Where the gateway keeps its files: the storage folder and, in embedded mode, its SQLite index.</summary>
public sealed class GatewayPaths(string storageRoot)
{
    public string StorageRoot { get; } = storageRoot;

    /// <summary>In-flight transfers: deleted unless they complete.</summary>
    public string Incoming => Path.Combine(StorageRoot, ".incoming");

    public string IndexDatabase => Path.Combine(StorageRoot, "gateway.db");

    /// <summary><c>Gateway:StoragePath</c>, else <c>$AIRADCR_DATA_DIR/gateway</c>, else the per-user app-data folder.</summary>
    public static GatewayPaths Resolve(GatewayOptions options, IConfiguration configuration)
    {
        var root = options.StoragePath
            ?? Path.Combine(configuration["AIRADCR_DATA_DIR"]
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "airadcr-desktop"), "gateway");
        Directory.CreateDirectory(root);
        return new GatewayPaths(Path.GetFullPath(root));
    }
}
