namespace Airadcr.AppHost.Publishing;

/// <summary>The images a published graph runs: official ones for the servers, ours from <c>dotnet publish /t:PublishContainer</c>.</summary>
public static class ComposeImages
{
    public const string Postgres = "docker.io/library/postgres:17";
    public const string Redis = "docker.io/library/redis:7";
    public const string Orthanc = "docker.io/orthancteam/orthanc:25.9.1";
    public const string Ohif = "docker.io/ohif/app:v3.10.2";
    public const string AspireDashboard = "mcr.microsoft.com/dotnet/aspire-dashboard:9.5";

    /// <summary>The SDK's default container repository: the assembly name in lower case (<c>airadcr.reportapi</c>).</summary>
    public static string Project(string projectName) => projectName.ToLowerInvariant() + ":latest";

    /// <summary>The command that builds a project's image into the local Docker daemon.</summary>
    public static string BuildCommand(string projectName) => $"dotnet publish {projectName}/{projectName}.csproj -c Release /t:PublishContainer";
}
