using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Airadcr.Web.Localization;

/// <summary>
/// The dashboard's texts in English (the keys) and French. An <see cref="IStringLocalizer"/> over one table so that
/// a text and its translation sit on the same line; a missing French text falls back to English.
/// </summary>
public sealed class UiText : IStringLocalizer
{
    public static readonly IReadOnlyList<CultureInfo> Cultures = [new("en"), new("fr")];

    public LocalizedString this[string name] => Translate(name);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, Translate(name).Value, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => French.Keys.Select(Translate);

    private static LocalizedString Translate(string name) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" && French.TryGetValue(name, out var fr)
            ? new LocalizedString(name, fr)
            : new LocalizedString(name, name, resourceNotFound: !French.ContainsKey(name));

    private static readonly Dictionary<string, string> French = new(StringComparer.Ordinal)
    {
        ["Worklist"] = "Liste de travail",
        ["Administration"] = "Administration",
        ["API keys"] = "Clés d'API",
        ["Users"] = "Utilisateurs",
        ["Gateway"] = "Passerelle",
        ["Service status"] = "État des services",
        ["Audit"] = "Audit",
        ["Sign in"] = "Se connecter",
        ["Sign out"] = "Se déconnecter",
        ["User name"] = "Nom d'utilisateur",
        ["Password"] = "Mot de passe",
        ["Invalid user name or password, or account locked after too many attempts. Try again later."] =
            "Nom d'utilisateur ou mot de passe invalide, ou compte verrouillé après trop d'essais. Réessayez plus tard.",
        ["Status"] = "Statut",
        ["Modality"] = "Modalité",
        ["From"] = "Du",
        ["To"] = "Au",
        ["Search accession, patient, technical id"] = "Rechercher accession, patient, identifiant technique",
        ["Search technical id"] = "Rechercher l'identifiant technique",
        ["Received"] = "Reçu",
        ["Patient"] = "Patient",
        ["Accession"] = "Accession",
        ["Title"] = "Titre",
        ["Technical id"] = "Identifiant technique",
        ["reports"] = "comptes rendus",
        ["all"] = "tous",
        ["pending"] = "en attente",
        ["retrieved"] = "consulté",
        ["draft"] = "brouillon",
        ["signed"] = "signé",
        ["New reports arrived"] = "Nouveaux comptes rendus",
        ["Report not found or expired."] = "Compte rendu introuvable ou expiré.",
        ["Indication"] = "Indication",
        ["Technique"] = "Technique",
        ["Results"] = "Résultats",
        ["Conclusion"] = "Conclusion",
        ["AI findings"] = "Résultats de l'IA",
        ["Finding"] = "Résultat",
        ["Confidence"] = "Confiance",
        ["Model"] = "Modèle",
        ["Location"] = "Localisation",
        ["No AI finding."] = "Aucun résultat d'IA.",
        ["Save draft"] = "Enregistrer le brouillon",
        ["Sign"] = "Signer",
        ["Copy for RIS"] = "Copier pour le RIS",
        ["Download PDF"] = "Télécharger le PDF",
        ["Open in viewer"] = "Ouvrir dans la visionneuse",
        ["Draft saved."] = "Brouillon enregistré.",
        ["Report signed."] = "Compte rendu signé.",
        ["Approved report posted to TÉO Hub."] = "Compte rendu validé envoyé à TÉO Hub.",
        ["TÉO Hub is not enabled: approved report not posted."] = "TÉO Hub n'est pas activé : compte rendu validé non envoyé.",
        ["Approved report not posted to TÉO Hub: {0}"] = "Compte rendu validé non envoyé à TÉO Hub : {0}",
        ["Copied."] = "Copié.",
        ["Signed by {0} on {1}"] = "Signé par {0} le {1}",
        ["Read only"] = "Lecture seule",
        ["Name"] = "Nom",
        ["Create"] = "Créer",
        ["Revoke"] = "Révoquer",
        ["Copy"] = "Copier",
        ["Active"] = "Active",
        ["Revoked"] = "Révoquée",
        ["Created"] = "Créée",
        ["Last used"] = "Dernière utilisation",
        ["This key is shown only once. Copy it now."] = "Cette clé n'est affichée qu'une fois. Copiez-la maintenant.",
        ["Roles"] = "Rôles",
        ["Save"] = "Enregistrer",
        ["Locked until"] = "Verrouillé jusqu'au",
        ["Calling AE titles allowed"] = "AE appelants autorisés",
        ["Add"] = "Ajouter",
        ["Remove"] = "Retirer",
        ["Unavailable"] = "Indisponible",
        ["Ingest and analysis throughput (last hour)"] = "Débit de réception et d'analyse (dernière heure)",
        ["Throughput unavailable: the gateway is not reachable."] = "Débit indisponible : la passerelle ne répond pas.",
        ["Instances received"] = "Instances reçues",
        ["Analyses completed"] = "Analyses terminées",
        ["Healthy"] = "Opérationnel",
        ["Service"] = "Service",
        ["Queues"] = "Files d'attente",
        ["When"] = "Quand",
        ["Who"] = "Qui",
        ["Action"] = "Action",
        ["Target"] = "Cible",
        ["Detail"] = "Détail",
        ["Audit integrity"] = "Intégrité de l'audit",
        ["Verify"] = "Vérifier",
        ["Export head"] = "Exporter la tête",
        ["Broken"] = "Rompue",
        ["entries"] = "entrées",
        ["head"] = "tête",
        ["latest checkpoint"] = "dernier point de contrôle",
        ["unavailable"] = "indisponible",
        ["The chain is empty."] = "La chaîne est vide.",
        ["Language"] = "Langue",
        ["Loading..."] = "Chargement...",
        ["Working..."] = "Traitement...",
        ["The ReportApi is unavailable."] = "Le ReportApi est indisponible.",
        ["The gateway is unavailable."] = "La passerelle est indisponible.",
        ["Access denied."] = "Accès refusé.",
        ["Identifiers hidden (research role)"] = "Identifiants masqués (rôle recherche)",
    };
}
