using System.Text;
using Airadcr.Web.Data;
using Microsoft.Extensions.Localization;

namespace Airadcr.Web.Reports;

/// <summary>The report as plain text for the RIS (what the desktop types into the RIS window).</summary>
public static class RisText
{
    public static string Of(ReportReview text, IStringLocalizer localizer)
    {
        var builder = new StringBuilder();
        if (text.Title.Length > 0)
        {
            builder.AppendLine(text.Title).AppendLine();
        }
        Section(builder, localizer["Indication"], text.Indication);
        Section(builder, localizer["Technique"], text.Technique);
        Section(builder, localizer["Results"], text.Results);
        Section(builder, localizer["Conclusion"], text.Conclusion);
        return builder.ToString().TrimEnd();
    }

    private static void Section(StringBuilder builder, string heading, string body)
    {
        if (body.Trim().Length > 0)
        {
            builder.Append(heading).AppendLine(":").AppendLine(body.Trim()).AppendLine();
        }
    }
}
