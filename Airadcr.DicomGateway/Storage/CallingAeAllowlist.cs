using System.Collections.Concurrent;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// Calling AE titles allowed to associate: those of <c>Gateway:AllowedCallingAeTitles</c> plus those added through
/// the admin API (persisted in the index). Empty means every caller is allowed.
/// </summary>
public sealed class CallingAeAllowlist
{
    private readonly GatewayDatabase _database;
    private readonly IReadOnlySet<string> _configured;
    private readonly ConcurrentDictionary<string, byte> _added = new(StringComparer.Ordinal);

    public CallingAeAllowlist(GatewayDatabase database, IOptions<GatewayOptions> options)
    {
        _database = database;
        _configured = options.Value.AllowedCallingAeTitles.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = GatewayDatabase.Command(connection, "SELECT ae_title FROM calling_aes");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _added.TryAdd(reader.GetString(0), 0);
        }
    }

    public IReadOnlyCollection<string> Entries => [.. _configured.Concat(_added.Keys).Distinct().Order(StringComparer.Ordinal)];

    public bool Allows(string callingAe) =>
        (_configured.Count == 0 && _added.IsEmpty) || _configured.Contains(Normalize(callingAe)) || _added.ContainsKey(Normalize(callingAe));

    public async Task AddAsync(string aeTitle, CancellationToken cancellationToken)
    {
        var title = Normalize(aeTitle);
        await _database.InWriteTransactionAsync(connection =>
            GatewayDatabase.ExecuteAsync(connection, "INSERT INTO calling_aes (ae_title) VALUES (@ae) ON CONFLICT DO NOTHING",
                cancellationToken, ("@ae", title)), cancellationToken);
        _added.TryAdd(title, 0);
    }

    public async Task<bool> RemoveAsync(string aeTitle, CancellationToken cancellationToken)
    {
        var title = Normalize(aeTitle);
        var removed = await _database.InWriteTransactionAsync(connection =>
            GatewayDatabase.ExecuteAsync(connection, "DELETE FROM calling_aes WHERE ae_title = @ae", cancellationToken, ("@ae", title)),
            cancellationToken);
        _added.TryRemove(title, out _);
        return removed > 0;
    }

    /// <summary>AE titles compare without their leading and trailing spaces (PS3.5: spaces are not significant).</summary>
    public static string Normalize(string aeTitle) => aeTitle.Trim();
}
