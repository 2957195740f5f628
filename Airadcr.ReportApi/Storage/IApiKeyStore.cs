using Airadcr.ReportApi.Domain;

namespace Airadcr.ReportApi.Storage;

public interface IApiKeyStore
{
    Task AddAsync(ApiKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> FindActiveByPrefixAsync(string prefix, CancellationToken cancellationToken);

    Task<bool> ExistsWithHashAsync(string keyHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    Task<bool> RevokeAsync(string id, long nowMs, CancellationToken cancellationToken);

    Task TouchAsync(string id, long nowMs, CancellationToken cancellationToken);
}
