using Hyperscape.Ecs.Game.Social;

namespace Hyperscape.Tests.Game.Rules;

public class SocialRulesTests
{
    [TestCase("  hello   there\t\nfriend  ", "hello there friend")]
    [TestCase("a\u0000\u0007b", "a b")]
    [TestCase("trailing ", "trailing")]
    [TestCase("\u00a0 leading", "leading")]
    public void A_message_has_its_whitespace_and_control_runs_folded_to_one_space(string text, string expected)
    {
        Assert.That(SocialRules.TryCleanMessage(text, out var clean), Is.True);
        Assert.That(clean, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\u0001\n")]
    [TestCase(null)]
    public void A_message_of_nothing_but_space_is_refused(string? text) =>
        Assert.That(SocialRules.TryCleanMessage(text, out _), Is.False);

    [Test]
    public void A_clean_message_is_kept_as_it_came_without_a_copy()
    {
        var text = string.Concat("gz on ", "99 fishing!");
        Assert.That(SocialRules.TryCleanMessage(text, out var clean), Is.True);
        Assert.That(ReferenceEquals(clean, text), Is.True, "no new string for a message that needs no cleaning");
    }
}
