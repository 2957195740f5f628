using System.Text;
using Microsoft.Playwright;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>Everything a browser context received: each response's URL, headers and body, as text (Latin-1, byte for byte).</summary>
public sealed class ResponseRecorder
{
    private readonly List<Task<RecordedResponse>> responses = [];

    public ResponseRecorder(IBrowserContext context) => context.Response += (_, response) =>
    {
        lock (responses)
        {
            responses.Add(RecordAsync(response));
        }
    };

    public async Task<IReadOnlyList<RecordedResponse>> ResponsesAsync()
    {
        Task<RecordedResponse>[] all;
        lock (responses)
        {
            all = [.. responses];
        }
        return await Task.WhenAll(all);
    }

    private static async Task<RecordedResponse> RecordAsync(IResponse response)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in await response.AllHeadersAsync())
        {
            text.Append(name).Append(": ").Append(value).Append('\n');
        }
        try
        {
            text.Append(Encoding.Latin1.GetString(await response.BodyAsync()));
        }
        catch (PlaywrightException)
        {
            // Redirects and aborted requests have no body.
        }
        return new RecordedResponse(response.Url, text.ToString());
    }
}

public sealed record RecordedResponse(string Url, string Text);
