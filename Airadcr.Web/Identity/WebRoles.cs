namespace Airadcr.Web.Identity;

/// <summary>The dashboard's roles. A researcher sees de-identified data only and cannot edit or sign.</summary>
public static class WebRoles
{
    public const string Radiologist = "radiologist";
    public const string Admin = "admin";
    public const string Researcher = "researcher";

    public static readonly IReadOnlyList<string> All = [Radiologist, Admin, Researcher];

    /// <summary>Roles allowed to see patient identifiers and to review reports.</summary>
    public const string Reviewers = Radiologist + "," + Admin;
}
