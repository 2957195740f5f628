using System.Net.Http;
using System.Text.Json;

public class AiradcrClient
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;

    public AiradcrClient(string apiKey, string baseUrl = "http://127.0.0.1:8741")
    {
        _baseUrl = baseUrl;
        _http = new HttpClient();
        _http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        _http.Timeout = TimeSpan.FromSeconds(10);
    }

    public async Task<bool> IsAvailableAsync()
    {
        try
        {
            var r = await _http.GetAsync($"{_baseUrl}/health");
            return r.IsSuccessStatusCode;
        }
        catch { return false; }
    }

    public async Task<JsonElement?> StoreReportAsync(object report)
    {
        var content = new StringContent(
            JsonSerializer.Serialize(report), 
            System.Text.Encoding.UTF8, 
            "application/json"
        );
        var r = await _http.PostAsync($"{_baseUrl}/pending-report", content);
        var json = await r.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<JsonElement>(json);
    }

    public async Task<JsonElement?> OpenReportAsync(string accessionNumber)
    {
        var r = await _http.PostAsync(
            $"{_baseUrl}/open-report?accession_number={Uri.EscapeDataString(accessionNumber)}", 
            null
        );
        var json = await r.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<JsonElement>(json);
    }
}
