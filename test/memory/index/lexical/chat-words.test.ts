import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../../../src/memory/index/lexical/bm25.js";
import { foldElongation, plainChatText, plainChatWord } from "../../../../src/memory/index/lexical/chat-words.js";
import { tokenize } from "../../../../src/memory/index/lexical/tokenize.js";

describe("chat words", () => {
  it("folds elongations to the plain word and leaves ordinary doubled letters alone", () => {
    const folded = ["sooo", "yesss", "gooood", "happpy", "stilll", "whyyy", "pleaseee", "cooool", "omggg"].map(foldElongation);
    expect(folded).toEqual(["so", "yes", "good", "happy", "still", "why", "please", "cool", "omg"]);
    expect(["hello", "coffee", "too", "bookkeeper"].map(foldElongation)).toEqual(["hello", "coffee", "too", "bookkeeper"]);
  });

  it("writes known emoji as words and expands shorthand, British spellings and number words", () => {
    expect(plainChatText("happy bday 🎂🎉").split(/\s+/).filter(Boolean)).toEqual(["happy", "bday", "birthday", "celebrate"]);
    expect(["bday", "pics", "favourite", "two", "twenty", "cat"].map(plainChatWord)).toEqual([
      "birthday",
      "pictures",
      "favorite",
      "2",
      "20",
      "cat",
    ]);
    expect(plainChatWord("constructor")).toBe("constructor");
  });

  it("gives casual and plain spellings of the same words the same terms", () => {
    expect(tokenize("Sooo many bday pics from my fave party 🎉")).toEqual(
      tokenize("so many birthday pictures from my favorite party celebrate"),
    );
    expect(tokenize("My two kids")).toEqual(tokenize("my 2 kids"));
  });
});

describe("BM25 over casual chat", () => {
  const build = () => {
    const idx = new Bm25Index();
    idx.add("party", "omg the bday party was sooo fun, will send pics tmrw!!");
    idx.add("dog", "look at him 🐶 he's the cutest");
    idx.add("kids", "my 3 kids are driving me crazy lol");
    idx.add("work", "long day at work, the meeting ran late again");
    idx.add("pictures", "picked up the frames at the store");
    return idx;
  };

  it("finds a chat message by the plain words of a question", () => {
    const idx = build();
    expect(idx.search("birthday pictures")[0]!.id).toBe("party");
    expect(idx.search("does she have a dog?")[0]!.id).toBe("dog");
    expect(idx.search("the three of them")[0]!.id).toBe("kids");
  });
});
