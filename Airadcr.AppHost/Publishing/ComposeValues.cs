using System.Globalization;

namespace Airadcr.AppHost.Publishing;

/// <summary>
/// Aspire's values as a compose file writes them: a parameter is <c>${NAME}</c> (its value goes to <c>.env</c>), an
/// endpoint is the service's name and its port inside the compose network, an expression is its format filled in.
/// </summary>
internal sealed class ComposeValues
{
    /// <summary>Projects listen on this port inside their container (ASP.NET Core's default in the .NET images).</summary>
    public const int ProjectPort = 8080;

    public Dictionary<string, ParameterResource> Parameters { get; } = [];

    public static string VariableOf(string parameterName) => parameterName.Replace('-', '_').ToUpperInvariant();

    /// <summary>The port a service listens on inside the compose network (a project's HTTP: 8080; else its own port).</summary>
    public static int TargetPort(EndpointAnnotation endpoint, IResource resource) =>
        endpoint.TargetPort ?? (resource is ProjectResource && endpoint.UriScheme is "http" or "https" ? ProjectPort : endpoint.Port ?? ProjectPort);

    public async Task<string> TextAsync(object? value, CancellationToken cancellationToken) => value switch
    {
        null => "",
        // A literal '$' is compose's own escape ($$); only parameters are ${VARIABLES}.
        string text => text.Replace("$", "$$", StringComparison.Ordinal),
        ParameterResource parameter => Parameter(parameter),
        ConnectionStringReference reference => await TextAsync(reference.Resource.ConnectionStringExpression, cancellationToken),
        IResourceWithConnectionString resource => await TextAsync(resource.ConnectionStringExpression, cancellationToken),
        ReferenceExpression expression => await ExpressionAsync(expression, cancellationToken),
        EndpointReference endpoint => Url(endpoint),
        EndpointReferenceExpression property => Property(property),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private async Task<string> ExpressionAsync(ReferenceExpression expression, CancellationToken cancellationToken)
    {
        var values = new object[expression.ValueProviders.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await TextAsync(expression.ValueProviders[i], cancellationToken);
        }
        return string.Format(CultureInfo.InvariantCulture, expression.Format.Replace("$", "$$", StringComparison.Ordinal), values);
    }

    private string Parameter(ParameterResource parameter)
    {
        Parameters[VariableOf(parameter.Name)] = parameter;
        return $"${{{VariableOf(parameter.Name)}}}";
    }

    private static string Url(EndpointReference endpoint) => $"{endpoint.EndpointAnnotation.UriScheme}://{endpoint.Resource.Name}:{Port(endpoint)}";

    private static string Port(EndpointReference endpoint) =>
        TargetPort(endpoint.EndpointAnnotation, endpoint.Resource).ToString(CultureInfo.InvariantCulture);

    private static string Property(EndpointReferenceExpression property) => property.Property switch
    {
        EndpointProperty.Url => Url(property.Endpoint),
        EndpointProperty.Host or EndpointProperty.IPV4Host => property.Endpoint.Resource.Name,
        EndpointProperty.Port or EndpointProperty.TargetPort => Port(property.Endpoint),
        EndpointProperty.Scheme => property.Endpoint.EndpointAnnotation.UriScheme,
        EndpointProperty.HostAndPort => $"{property.Endpoint.Resource.Name}:{Port(property.Endpoint)}",
        _ => throw new NotSupportedException($"endpoint property {property.Property} in a compose file"),
    };
}
