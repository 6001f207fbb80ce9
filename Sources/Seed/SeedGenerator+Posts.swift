import Foundation
import MongoClient

extension SeedGenerator {
    /// Posts by doctors and the comments on them. A post's stored `engagement.comments` is the
    /// number of comments generated for it; drafts have none.
    mutating func postBatch(posts: Range<Int>) -> SeedBatch {
        var postDocuments = CollectionDocuments(collection: "posts", documents: [])
        var commentDocuments = CollectionDocuments(collection: "comments", documents: [])
        for index in posts {
            let postId = Self.id(random.uuid())
            let author = doctors[random.int(below: doctors.count)]
            let title = "\(random.pick(Vocabulary.titleOpenings)) \(random.pick(Vocabulary.topics))"
            let slug = Self.slug(title) + "-\(index + 1)"
            let tags = random.sample(Vocabulary.tags, count: random.int(in: 2...4))
            let paragraphs = (0..<random.int(in: 3...5)).map { _ in
                random.sample(Vocabulary.sentences, count: random.int(in: 3...5)).joined(separator: " ")
            }
            let published = random.chance(0.85)
            let publishedAt: Int64? = published ? Self.reference - Int64(random.int(below: 700 * 86_400)) : nil
            let createdAt = (publishedAt ?? Self.reference) - Int64(random.int(in: 1...(10 * 86_400)))
            let commentCount = published ? random.int(in: 0...(2 * counts.commentsPerPost)) : 0
            for _ in 0..<commentCount {
                let written = Swift.min(Self.reference, publishedAt! + Int64(random.int(below: 30 * 86_400)))
                commentDocuments.documents.append([
                    "_id": Self.id(random.uuid()),
                    "postId": postId,
                    "authorId": Self.id(people[random.int(below: people.count)].id),
                    "body": .string(random.pick(Vocabulary.comments)),
                    "createdAt": Self.bsonDate(written),
                ])
            }
            let views = published ? random.int(in: 20...20_000) : 0
            postDocuments.documents.append([
                "_id": postId,
                "title": .string(title),
                "slug": .string(slug),
                "content": .string(paragraphs.joined(separator: "\n\n")),
                "excerpt": .string(String(paragraphs[0].prefix(160))),
                "tags": .array(tags.map(BSONValue.string)),
                "status": .string(published ? "PUBLISHED" : "DRAFT"),
                "publishedAt": publishedAt.map(Self.bsonDate) ?? .null,
                "authorId": Self.id(author.id),
                "engagement": .document([
                    "views": .int32(Int32(views)),
                    "likes": .int32(Int32(views / 10 * random.int(in: 0...100) / 100)),
                    "shares": .int32(Int32(views / 50 * random.int(in: 0...100) / 100)),
                    "comments": .int32(Int32(commentCount)),
                ]),
                "createdAt": Self.bsonDate(createdAt),
                "updatedAt": Self.bsonDate(publishedAt ?? createdAt),
            ])
        }
        return SeedBatch(collections: [postDocuments, commentDocuments])
    }

    /// "What you should know about high blood pressure" → "what-you-should-know-about-high-blood-pressure".
    static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}
