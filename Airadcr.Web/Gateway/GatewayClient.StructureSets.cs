using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Airadcr.Web.Gateway;

/// <summary>The gateway's RT structure sets (<c>/admin/rtstruct</c>, admin key): list, one set, process again, result files.</summary>
public sealed partial class GatewayClient
{
    /// <summary>GET /admin/rtstruct?offset=&amp;limit=: structure sets, newest first.</summary>
    public async Task<StructureSetPage> ListStructureSetsAsync(int offset, int limit, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<StructureSetPage>(string.Create(CultureInfo.InvariantCulture, $"admin/rtstruct?offset={offset}&limit={limit}"),
            cancellationToken) ?? throw new HttpRequestException("gateway: empty structure set list");

    /// <summary>GET /admin/rtstruct/{set}: its status, files and summary; null when the gateway has no such set.</summary>
    public async Task<StructureSetDetail?> GetStructureSetAsync(string setId, CancellationToken cancellationToken)
    {
        if (!StructureSetIds.IsValid(setId))
        {
            return null;
        }
        using var response = await http.GetAsync("admin/rtstruct/" + setId, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<StructureSetDetail>(cancellationToken);
    }

    /// <summary>POST /admin/rtstruct/{set}/process: true when queued, false when it is being processed now.</summary>
    public async Task<bool> ProcessStructureSetAsync(string setId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"admin/rtstruct/{setId}/process", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// GET /admin/rtstruct/{set}/files/{name}, headers read, body not yet (the caller streams it and disposes the
    /// response); null when the gateway has no such file.
    /// </summary>
    public async Task<HttpResponseMessage?> OpenStructureSetFileAsync(string setId, string file, CancellationToken cancellationToken)
    {
        var path = string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
        var response = await http.GetAsync($"admin/rtstruct/{setId}/files/{path}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
